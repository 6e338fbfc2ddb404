namespace Expectations.Tests.Parameters;

/// <summary>
/// <c>{"$PARAMETER": ...}</c> in integer kwargs (counts, lengths, indices, sizes), as GX 1.x allows it: read,
/// written back unchanged, resolved per run; a resolved value the kwarg does not take is that result's error.
/// </summary>
public class IntegerParameterTests
{
    private const string Suite = """
        {"name": "counts", "expectations": [
          {"type": "expect_table_row_count_to_equal", "kwargs": {"value": {"$PARAMETER": "expected_rows"}}},
          {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": {"$PARAMETER": "min_rows"}, "max_value": {"$PARAMETER": "min_rows + 10"}}},
          {"type": "expect_table_column_count_to_equal", "kwargs": {"value": {"$PARAMETER": "columns"}}},
          {"type": "expect_table_column_count_to_be_between", "kwargs": {"min_value": {"$PARAMETER": "columns"}, "max_value": {"$PARAMETER": "columns"}}},
          {"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "code", "min_value": {"$PARAMETER": "code_length"}, "max_value": {"$PARAMETER": "code_length"}}},
          {"type": "expect_column_value_lengths_to_equal", "kwargs": {"column": "code", "value": {"$PARAMETER": "code_length"}}},
          {"type": "expect_column_to_exist", "kwargs": {"column": "code", "column_index": {"$PARAMETER": "code_position"}}}
        ]}
        """;

    private static readonly InMemoryTable Data = InMemoryTable.Builder()
        .Add("id", new long?[] { 1, 2, 3 })
        .Add("code", new string?[] { "AB1", "CD2", null })
        .Build();

    private static ValidationReport Run(ExpectationSuite suite, params (string Name, Scalar Value)[] parameters) =>
        ValidationPlan.Compile(suite).Validate(InMemoryValidation.Backend(Data), new ValidationOptions { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) });

    private static readonly (string, Scalar)[] Right = [("expected_rows", 3L), ("min_rows", 1L), ("columns", 2L), ("code_length", 3L), ("code_position", 1L)];

    [Fact]
    public void A_suite_with_parameters_in_integer_kwargs_loads_and_writes_them_back_as_gx_does()
    {
        var suite = SuiteJson.Parse(Suite);

        suite.Expectations[0].Should().BeOfType<TableRowCountToEqual>().Which.Value.Should().Be(Scalar.Parameter("expected_rows"));
        var json = SuiteJson.Serialize(suite);
        json.Should().Contain("\"value\": {\n          \"$PARAMETER\": \"expected_rows\"\n        }".ReplaceLineEndings("\n"));
        SuiteJson.Parse(json).Should().Be(suite);
    }

    [Fact]
    public void The_parameters_decide_the_verdicts_and_the_report_shows_the_resolved_values()
    {
        var suite = SuiteJson.Parse(Suite);

        var pass = Run(suite, Right);
        pass.Results.Should().AllSatisfy(r => r.ExceptionInfo.Should().BeNull());
        pass.Success.Should().BeTrue(string.Join("\n", pass.Results.Select(r => $"{r.Expectation.Type}: {r.Success}")));
        ((TableRowCountToEqual)pass.Results[0].Expectation).Value.Should().Be((Scalar)3L, "the report holds the resolved expectation");

        var fail = Run(suite, ("expected_rows", 4L), ("min_rows", 5L), ("columns", 3L), ("code_length", 2L), ("code_position", 0L));
        fail.Results.Should().AllSatisfy(r => r.ExceptionInfo.Should().BeNull());
        fail.Results.Select(r => r.Success).Should().AllBeEquivalentTo(false);
    }

    [Fact]
    public void A_missing_parameter_fails_only_its_own_expectations()
    {
        var report = Run(SuiteJson.Parse(Suite), [.. Right.Where(p => p.Item1 != "expected_rows")]);

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("'expected_rows' has no value");
        report.Results.Skip(1).Should().AllSatisfy(r => r.Success.Should().BeTrue());
    }

    [Theory]
    [InlineData("abc", "value", "a whole number")]
    [InlineData("2.5", "value", "a whole number")]
    [InlineData("-3", "value", "must not be negative")]
    [InlineData("true", "value", "a whole number")]
    public void A_resolved_value_the_kwarg_does_not_take_is_that_results_error_naming_kwarg_and_parameter(string value, string kwarg, string problem)
    {
        Scalar resolved = value switch
        {
            "abc" => "abc",
            "true" => true,
            _ => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
        };

        var report = Run(SuiteJson.Parse(Suite), [.. Right.Where(p => p.Item1 != "expected_rows"), ("expected_rows", resolved)]);

        var error = report.Results[0].ExceptionInfo;
        error.Should().NotBeNull();
        error!.ExceptionMessage.Should().StartWith($"expect_table_row_count_to_equal: {kwarg} ").And.Contain(problem).And.Contain("suite parameter \"expected_rows\"");
        error.ExceptionTraceback.Should().BeNull("an argument problem is not a bug: no stack trace");
        report.Results.Skip(1).Should().AllSatisfy(r => r.Success.Should().BeTrue("the other expectations still run"));
    }

    [Fact]
    public void A_whole_float_resolves_like_the_integer()
    {
        var report = Run(SuiteJson.Parse(Suite), [.. Right.Where(p => p.Item1 != "expected_rows"), ("expected_rows", 3.0)]);
        report.Results[0].Success.Should().BeTrue();
    }

    [Theory]
    [InlineData("\"abc\"", "found the string \"abc\"")]
    [InlineData("2.5", "found the number 2.5")]
    [InlineData("[1]", "found a list")]
    [InlineData("{\"PARAM\": \"x\"}", "found an object")]
    [InlineData("null", "must not be null")]
    public void A_literal_of_another_type_is_refused_when_read_naming_the_kwarg(string literal, string message)
    {
        var act = () => SuiteJson.Parse($$$"""{"name": "s", "expectations": [{"type": "expect_table_row_count_to_equal", "kwargs": {"value": {{{literal}}}}}]}""");
        act.Should().Throw<SuiteFormatException>().WithMessage($"*{message}*").Which.JsonPath.Should().Be("$.expectations[0].kwargs.value");
    }

    [Fact]
    public void Every_integer_kwarg_takes_a_parameter()
    {
        // GX 0.x resolved evaluation parameters in any kwarg; these older expectations keep that.
        var suite = SuiteJson.Parse("""
            {"name": "older", "expectations": [
              {"type": "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than",
               "kwargs": {"column": "x", "bootstrap_samples": {"$PARAMETER": "samples"}, "bootstrap_sample_size": {"$PARAMETER": "size"}}},
              {"type": "expect_column_pair_cramers_phi_value_to_be_less_than",
               "kwargs": {"column_A": "a", "column_B": "b", "n_bins_A": {"$PARAMETER": "bins"}, "n_bins_B": {"$PARAMETER": "bins"}}}
            ]}
            """);
        var bootstrap = (ColumnBootstrappedKsTestPValueToBeGreaterThan)suite.Expectations[0];
        bootstrap.BootstrapSamples.Should().Be(Scalar.Parameter("samples"));
        ((ColumnPairCramersPhiValueToBeLessThan)suite.Expectations[1]).NBinsA.Should().Be(Scalar.Parameter("bins"));
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().Be(suite);
    }

    [Fact]
    public void The_dsl_takes_parameters_for_counts_and_lengths()
    {
        var suite = Expect.Suite("dsl")
            .Table(t => t.RowCountEquals(Scalar.Parameter("expected_rows")).RowCount(min: 1, max: Scalar.Parameter("max_rows")))
            .Column<string>("code", c => c.LengthEquals(Scalar.Parameter("code_length")))
            .Build();

        var report = Run(suite, ("expected_rows", 3L), ("max_rows", 10L), ("code_length", 3L));
        report.Success.Should().BeTrue();
        Run(suite, ("expected_rows", 3L), ("max_rows", 2L), ("code_length", 3L)).Results[1].Success.Should().BeFalse();
    }
}
