namespace Expectations.Tests.Suggestion;

/// <summary>Suggested suites for binary, list, struct and map columns pass on the data they were suggested from.</summary>
public class NestedSuggestTests
{
    private static InMemoryTable Table() => InMemoryTable.Builder("nested")
        .Add("id", new long?[] { 1, 2, 3, 4, 5, 6 })
        .AddBinary("code", [[0x01], [0x02], [0x01], [0xff, 0x00], null, [0x02]])
        .AddBinary("hash", [[0xa1, 0xb2], [0x03, 0x04], [0x05], [0x06, 0x07], [0x08], [0x09, 0x10]])
        .AddList("tags", new string?[]?[] { ["a", "b"], ["a"], null, [], ["b", null], ["a", "c", "b"] })
        .AddList("scores", new double?[]?[] { [1.5, 2], [0.25], [], [3, null], [10], null })
        .AddStruct("address", [true, true, true, true, true, true], a => a.Add("city", new string?[] { "Bonn", "Köln", null, "Bonn", "Bonn", "Köln" }))
        .AddMap("attrs", [true, false, true, true, true, true], m => m
            .AddList("key", new string?[]?[] { ["k"], null, [], ["k"], ["k", "j"], ["j"] })
            .AddList("value", new long?[]?[] { [1], null, [], [2], [3, 4], [5] }))
        .Build();

    private static (ExpectationSuite Suite, ValidationReport Report) SuggestAndValidate()
    {
        var table = Table();
        var suite = SuiteSuggester.Suggest(DatasetProfile.BuildAsync(table).GetAwaiter().GetResult());
        return (suite, suite.Validate(table));
    }

    private static IEnumerable<T> Of<T>(ExpectationSuite suite, string column) where T : Expectation =>
        suite.Expectations.OfType<T>().Where(e => e.ColumnName == column);

    [Fact]
    public void The_suggested_suite_passes_on_its_own_data()
    {
        var (_, report) = SuggestAndValidate();
        report.Results.Where(r => !r.Success || r.ExceptionInfo is not null).Select(r => FailureText.Describe(r)).Should().BeEmpty();
    }

    [Fact]
    public void The_column_set_holds_top_level_columns_only()
    {
        var (suite, _) = SuggestAndValidate();
        suite.Expectations.OfType<TableColumnsToMatchSet>().Single().ColumnSet.Should().BeEquivalentTo(["id", "code", "hash", "tags", "scores", "address", "attrs"]);
    }

    [Fact]
    public void Binary_columns_get_a_hex_value_set_byte_lengths_uniqueness_and_drift()
    {
        var (suite, _) = SuggestAndValidate();
        Of<ColumnValuesToBeInSet>(suite, "code").Single().ValueSet.Select(v => v.AsString()).Should().Equal("\\x01", "\\x02", "\\xff00");
        Of<ColumnValueLengthsToBeBetween>(suite, "code").Single().Should().Match<ColumnValueLengthsToBeBetween>(e => e.Bounds.MinValue == 1 && e.Bounds.MaxValue == 2);
        Of<ColumnValuesToBeUnique>(suite, "hash").Should().ContainSingle();
        Of<ColumnDistributionToNotDrift>(suite, "code").Should().ContainSingle();
    }

    [Fact]
    public void List_columns_get_length_bounds_element_checks_and_drift_of_their_lengths()
    {
        var (suite, _) = SuggestAndValidate();
        Of<ColumnValueLengthsToBeBetween>(suite, "tags").Single().Should().Match<ColumnValueLengthsToBeBetween>(e => e.Bounds.MinValue == 0 && e.Bounds.MaxValue == 3);
        Of<ColumnValuesToBeInSet>(suite, "tags").Single().ValueSet.Select(v => v.AsString()).Should().Equal("a", "b", "c");
        var range = Of<ColumnValuesToBeBetween>(suite, "scores").Single();
        range.Bounds.MinValue!.Value.AsDouble().Should().BeLessThanOrEqualTo(0.25);
        range.Bounds.MaxValue!.Value.AsDouble().Should().BeGreaterThanOrEqualTo(10);
        Of<ColumnDistributionToNotDrift>(suite, "scores").Should().ContainSingle();
    }

    [Fact]
    public void Structs_and_maps_get_not_null_only_when_they_have_no_nulls()
    {
        var (suite, _) = SuggestAndValidate();
        Of<Expectation>(suite, "address").Should().ContainSingle().Which.Should().BeOfType<ColumnValuesToNotBeNull>().Which.Mostly.Should().BeNull();
        Of<Expectation>(suite, "attrs").Should().BeEmpty();
        Of<ColumnValuesToBeInSet>(suite, "address.city").Should().ContainSingle();
    }
}
