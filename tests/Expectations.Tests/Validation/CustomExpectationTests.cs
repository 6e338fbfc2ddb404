namespace Expectations.Tests.Validation;

/// <summary>A user-defined column-map expectation gets what built-in ones get: nulls skipped, mostly, counts, samples, conditions.</summary>
public class CustomExpectationTests
{
    public sealed record ColumnValuesToBeEven : ColumnMapExpectation
    {
        public const string TypeName = "expect_column_values_to_be_even";

        public override string Type => TypeName;
    }

    private static readonly InMemoryEvaluators Evaluators = InMemoryValidation.Evaluators.WithColumnValueCheck<ColumnValuesToBeEven>(_ =>
        (batch, row) => ((PrimitiveBatch<long>)batch).Values.Span[row] % 2 == 0);

    private static readonly InMemoryTable Data = InMemoryTable.Builder()
        .Add("x", new long?[] { 2, 5, null, 4, 7 })
        .Add("g", new long?[] { 1, 1, 1, 2, 2 })
        .Build();

    [Fact]
    public async Task Counts_samples_nulls_and_mostly_work_as_for_built_in_expectations()
    {
        var suite = Expect.Suite("s")
            .Column("x", c => c.Add(new ColumnValuesToBeEven { Column = "x" }))
            .Column("x", c => c.Add(new ColumnValuesToBeEven { Column = "x" }).Mostly(0.5))
            .Build();

        var report = await ValidationPlan.Compile(suite).ValidateAsync(InMemoryValidation.Backend(Data, Evaluators));

        var strict = report.Results[0];
        strict.Success.Should().BeFalse();
        strict.Result.ElementCount.Should().Be(5);
        strict.Result.MissingCount.Should().Be(1);
        strict.Result.UnexpectedCount.Should().Be(2);
        strict.Result.PartialUnexpectedList!.Select(v => v.GetInt64()).Should().Equal(5, 7);
        strict.Result.PartialUnexpectedIndexList.Should().Equal(1L, 4L);
        report.Results[1].Success.Should().BeTrue("2 of 4 non-null values pass, and mostly is 0.5");
    }

    [Fact]
    public async Task Row_conditions_apply_and_the_plain_engine_says_it_cannot_run_the_type()
    {
        var suite = Expect.Suite("s")
            .Column("x", c => c.Add(new ColumnValuesToBeEven { Column = "x", RowCondition = "g == 2" }))
            .Build();

        var custom = await ValidationPlan.Compile(suite).ValidateAsync(InMemoryValidation.Backend(Data, Evaluators));
        custom.Results[0].Result.UnexpectedCount.Should().Be(1);
        custom.Results[0].Result.PartialUnexpectedIndexList.Should().Equal(4L);

        var plain = await ValidationPlan.Compile(suite).ValidateAsync(Data);
        plain.Results[0].ExceptionInfo!.ExceptionMessage.Should().Be("The in-memory backend cannot run expect_column_values_to_be_even.");
    }

    [Fact]
    public async Task A_throwing_predicate_fails_its_own_result_only()
    {
        var throwing = InMemoryValidation.Evaluators.WithColumnValueCheck<ColumnValuesToBeEven>(_ => (_, _) => throw new InvalidOperationException("boom"));
        var suite = Expect.Suite("s")
            .Column("x", c => c.Add(new ColumnValuesToBeEven { Column = "x" }))
            .Column("x", c => c.NotNull())
            .Build();

        var report = await ValidationPlan.Compile(suite).ValidateAsync(InMemoryValidation.Backend(Data, throwing));

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Be("boom");
        report.Results[1].ExceptionInfo.Should().BeNull();
        report.Results[1].Result.UnexpectedCount.Should().Be(1);
    }

    [Fact]
    public void A_built_in_type_cannot_be_given_a_second_evaluator()
    {
        var act = () => InMemoryValidation.Evaluators.WithColumnValueCheck<ColumnValuesToNotBeNull>(_ => (_, _) => true);
        act.Should().Throw<ArgumentException>().WithMessage("*already has an in-memory evaluator*");
    }
}
