namespace Expectations.Tests.Validation;

/// <summary>
/// The plan's side of the backend seam: a second backend gets the suite's expectations with parameters resolved,
/// expectations it does not support become clear failed results, and a user-defined record reads, writes and resolves
/// its parameters through a catalog of its own.
/// </summary>
public class BackendSeamTests
{
    /// <summary>A user-defined expectation, as one written outside the library would look.</summary>
    public sealed record ColumnValuesToBeEven : ColumnMapExpectation
    {
        public const string TypeName = "expect_column_values_to_be_even";

        public override string Type => TypeName;

        [Kwarg("offset")]
        public Scalar? Offset { get; init; }
    }

    /// <summary>A backend that answers row counts only, from a number it was given.</summary>
    private sealed class RowCountOnlyBackend(long rows) : IValidationBackend
    {
        public List<Expectation?> Received { get; } = [];

        public string Name => "row-count-only";

        public string DataDescription => "a table of known size";

        public bool Supports(Expectation expectation) => expectation is TableRowCountToBeBetween or ColumnMaxToBeBetween;

        public ValueTask<BackendResults> RunAsync(BackendWork work, CancellationToken cancellationToken)
        {
            Received.AddRange(work.Expectations);
            var results = work.Expectations.Select(e => e switch
            {
                TableRowCountToBeBetween between => new ExpectationResult { Success = between.Bounds.MinValue is not { } min || rows >= min, Expectation = e },
                ColumnMaxToBeBetween max => new ExpectationResult { Success = max.Bounds.MinValue is not { } least || least.AsDouble() <= rows, Expectation = e },
                _ => null,
            }).ToList();
            return ValueTask.FromResult(new BackendResults(results, rows));
        }
    }

    [Fact]
    public async Task A_second_backend_runs_what_it_supports_and_the_rest_says_why()
    {
        var suite = Expect.Suite("s")
            .RowCount(min: 10)
            .Column("x", c => c.NotNull())
            .Build();
        var backend = new RowCountOnlyBackend(rows: 42);

        var report = await ValidationPlan.Compile(suite).ValidateAsync(backend);

        backend.Received.Should().HaveCount(2);
        backend.Received[0].Should().BeOfType<TableRowCountToBeBetween>();
        backend.Received[1].Should().BeNull("the plan answered the unsupported expectation itself");
        report.Results[0].Success.Should().BeTrue();
        report.Results[1].Success.Should().BeFalse();
        report.Results[1].ExceptionInfo!.ExceptionMessage.Should().Be("The row-count-only backend cannot run expect_column_values_to_not_be_null.");
        report.Meta.DataSource.Should().Be("a table of known size");
        report.Meta.RowCount.Should().Be(42);
    }

    [Fact]
    public async Task A_backend_receives_suite_parameters_resolved()
    {
        var suite = SuiteJson.Parse("""
            {"name": "s", "expectations": [
              {"type": "expect_column_max_to_be_between", "kwargs": {"column": "x", "min_value": {"$PARAMETER": "least * 2"}}}]}
            """);
        var backend = new RowCountOnlyBackend(rows: 5);

        var report = await ValidationPlan.Compile(suite).ValidateAsync(backend, new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["least"] = 7L } });

        ((ColumnMaxToBeBetween)backend.Received[0]!).Bounds.MinValue!.Value.AsDouble().Should().Be(14);
        report.Results[0].Success.Should().BeFalse();
    }

    [Fact]
    public async Task A_user_defined_record_reads_writes_and_resolves_parameters_with_its_catalog()
    {
        var catalog = ExpectationCatalog.Default.With<ColumnValuesToBeEven>();
        var json = """
            {"name": "s", "expectations": [
              {"type": "expect_column_values_to_be_even", "kwargs": {"column": "x", "offset": {"$PARAMETER": "k"}}}]}
            """;

        var parse = () => SuiteJson.Parse(json);
        parse.Should().Throw<SuiteFormatException>().WithMessage("*unknown expectation type 'expect_column_values_to_be_even'*");

        var suite = SuiteJson.Parse(json, catalog);
        SuiteJson.Parse(SuiteJson.Serialize(suite), catalog).Should().BeEquivalentTo(suite);

        // The in-memory engine has no evaluator for it: the result says so, and the parameter was resolved first.
        var data = InMemoryTable.Builder().Add("x", new long?[] { 2, 4 }).Build();
        var report = await ValidationPlan.Compile(suite).ValidateAsync(data, new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["k"] = 1L } });
        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Be("The in-memory backend cannot run expect_column_values_to_be_even.");
        ((ColumnValuesToBeEven)report.Results[0].Expectation).Offset!.Value.AsDouble().Should().Be(1);
    }

    [Fact]
    public void A_catalog_refuses_a_second_record_under_a_taken_name()
    {
        var act = () => ExpectationCatalog.Default.With<Impostor>();
        act.Should().Throw<ArgumentException>().WithMessage("*'expect_column_values_to_not_be_null' is taken by*");
    }

    public sealed record Impostor : ColumnMapExpectation
    {
        public const string TypeName = "expect_column_values_to_not_be_null";

        public override string Type => TypeName;
    }

    /// <summary>A backend that forgets to answer an expectation it said it supports.</summary>
    private sealed class ForgetfulBackend : IValidationBackend
    {
        public string Name => "forgetful";

        public string DataDescription => "nothing";

        public bool Supports(Expectation expectation) => true;

        public ValueTask<BackendResults> RunAsync(BackendWork work, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new BackendResults([.. work.Expectations.Select(_ => (ExpectationResult?)null)], 0));
    }

    [Fact]
    public async Task A_backend_that_drops_a_result_is_named_in_the_error()
    {
        var plan = ValidationPlan.Compile(Expect.Suite("s").RowCount(min: 1).Build());
        var act = async () => await plan.ValidateAsync(new ForgetfulBackend());
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("The forgetful backend returned no result for expectation 0 (expect_table_row_count_to_be_between).");
    }

    public sealed record WithoutTypeName : ColumnMapExpectation
    {
        public override string Type => "expect_something";
    }

    [Fact]
    public void A_record_without_its_wire_name_constant_is_refused_with_the_fix()
    {
        var act = () => ExpectationCatalog.Default.With<WithoutTypeName>();
        act.Should().Throw<ArgumentException>().WithMessage("*must declare its wire name as `public const string TypeName*");
    }
}
