namespace Expectations.Tests.Json;

public class SuiteJsonTests
{
    [Fact]
    public void Reads_a_gx_1x_suite()
    {
        var suite = SuiteJson.Parse("""
            {"name": "tx", "expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 10000, "mostly": 0.99},
               "meta": {"owner": "risk"}, "id": "3f1c", "severity": "warning"}],
             "meta": {"great_expectations_version": "1.2.0"}}
            """);

        suite.Name.Should().Be("tx");
        var e = suite.Expectations.Single().Should().BeOfType<ColumnValuesToBeBetween>().Subject;
        e.Column.Should().Be("amount");
        e.Bounds.MinValue.Should().Be(Scalar.From(0L));
        e.Bounds.MaxValue!.Value.AsDouble().Should().Be(10_000);
        e.Mostly.Should().Be(0.99);
        e.Severity.Should().Be(Severity.Warning);
        e.Id.Should().Be("3f1c");
        e.Meta!.Value.GetProperty("owner").GetString().Should().Be("risk");
    }

    [Fact]
    public void Range_kwargs_are_written_flat_in_gx_order_and_read_back_into_bounds()
    {
        var suite = new ExpectationSuite("r", [
            new ColumnValueLengthsToBeBetween { Column = "code", Bounds = new(2, 8, strictMax: true) },
            new TableRowCountToBeBetween { Bounds = new(1, null) },
        ]);

        var json = System.Text.Json.Nodes.JsonNode.Parse(SuiteJson.Serialize(suite))!;
        var kwargs = json["expectations"]![0]!["kwargs"]!.AsObject();
        kwargs.Select(k => k.Key).Should().StartWith(["column", "min_value", "max_value", "strict_min", "strict_max"]);
        kwargs["max_value"]!.GetValue<long>().Should().Be(8);
        kwargs["strict_max"]!.GetValue<bool>().Should().BeTrue();
        json["expectations"]![1]!["kwargs"]!.AsObject().ContainsKey("max_value").Should().BeFalse("an open end is not written");

        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);
    }

    [Fact]
    public void A_fractional_length_bound_is_refused_at_its_path()
    {
        var act = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "c", "max_value": 2.5}}]}""");

        act.Should().Throw<SuiteFormatException>().Which.JsonPath.Should().Be("$.expectations[0].kwargs.max_value");
    }

    [Fact]
    public void Reads_a_gx_0x_suite()
    {
        var suite = SuiteJson.Parse("""
            {"expectation_suite_name": "legacy", "expectations": [
              {"expectation_type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}, "meta": {}}]}
            """);
        suite.Name.Should().Be("legacy");
        suite.Expectations.Single().Should().Be(new ColumnValuesToNotBeNull { Column = "id" });
    }

    [Fact]
    public void Malformed_json_names_line_and_position()
    {
        var act = () => SuiteJson.Parse("{\"name\": \"x\",\n \"expectations\": [ }");
        act.Should().Throw<SuiteFormatException>().WithMessage("*line 2*");
    }

    [Fact]
    public void Wrong_kwarg_type_names_the_json_path()
    {
        var act = () => SuiteJson.Parse("""{"name": "x", "expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}}, {"type": "expect_column_values_to_be_between", "kwargs": {"column": "a", "min_value": 1, "mostly": "high"}}]}""");
        act.Should().Throw<SuiteFormatException>()
            .Where(e => e.JsonPath == "$.expectations[1].kwargs.mostly")
            .WithMessage("*expected a number*\"high\"*");
    }

    [Fact]
    public void Unknown_type_names_the_closest_known_types()
    {
        var act = () => SuiteJson.Parse("""{"name": "x", "expectations": [{"type": "expect_column_values_to_be_betwen", "kwargs": {"column": "a"}}]}""");
        act.Should().Throw<SuiteFormatException>().WithMessage("*unknown expectation type 'expect_column_values_to_be_betwen'*expect_column_values_to_be_between*");
    }

    [Fact]
    public void Misspelt_kwarg_suggests_the_right_one()
    {
        var act = () => SuiteJson.Parse("""{"name": "x", "expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "a", "min_vale": 1}}]}""");
        act.Should().Throw<SuiteFormatException>().WithMessage("*no argument 'min_vale'*did you mean 'min_value'*");
    }

    [Theory]
    [InlineData("""{"type": "expect_column_values_to_not_be_null", "kwargs": {}}""", "column")]
    [InlineData("""{"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 5, "max_value": 1}}""", "min_value")]
    [InlineData("""{"type": "expect_column_values_to_be_between", "kwargs": {"column": "a", "min_value": 0, "mostly": 1.5}}""", "mostly")]
    [InlineData("""{"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "a", "value_set": "abc"}}""", "value_set")]
    public void Bad_arguments_fail_at_load_time_naming_the_expectation_and_argument(string expectation, string argument)
    {
        var act = () => SuiteJson.Parse($$"""{"name": "x", "expectations": [{{expectation}}]}""");
        var thrown = act.Should().Throw<Exception>().Which;
        thrown.Should().Match<Exception>(e => e is SuiteFormatException || e is InvalidExpectationException);
        thrown.Message.Should().Contain(argument).And.Contain("$.expectations[0]");
    }

    [Fact]
    public void The_dsl_rejects_the_same_bad_arguments_at_build_time()
    {
        var act = () => Expect.Suite("x").Table(t => t.RowCount(5, 1)).Build();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*expect_table_row_count_to_be_between*min_value*");
        var mostly = () => Expect.Suite("x").Column("a", c => c.NotNull().Mostly(-0.1)).Build();
        mostly.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Contain("mostly");
    }

    [Fact]
    public void Every_catalog_type_has_a_wire_name_constant_equal_to_its_type()
    {
        foreach (var type in ExpectationCatalog.Default.ModelTypes)
        {
            var constant = type.GetField("TypeName")?.GetRawConstantValue() as string;
            constant.Should().NotBeNull($"{type.Name} must declare its GX name as a constant");
            ((Expectation)Activator.CreateInstance(type)!).Type.Should().Be(constant);
            constant.Should().MatchRegex("^(expect_[a-z0-9_]+|unexpected_rows_expectation)$", "GX names expectations expect_…, except its query expectation");
        }
    }
}
