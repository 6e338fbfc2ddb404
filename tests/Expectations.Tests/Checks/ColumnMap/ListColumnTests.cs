using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>
/// List columns (DataKind.List): nullness and lengths are about whole lists; the other column-map expectations check each
/// element, and a list is unexpected when any of its non-null elements fails.
/// </summary>
public class ListColumnTests
{
    /// <summary>Rows: [1, 2], null, [], [3, null, 40], [5].</summary>
    private static readonly long?[]?[] Numbers = [[1, 2], null, [], [3, null, 40], [5]];

    /// <summary>Rows: ["a", "b"], ["c"], null, ["a", null], ["zz", "a"].</summary>
    private static readonly string?[]?[] Tags = [["a", "b"], ["c"], null, ["a", null], ["zz", "a"]];

    private static InMemoryTable Table() => InMemoryTable.Builder().AddList("n", Numbers).AddList("tags", Tags).Build();

    [Fact]
    public void The_builder_records_the_element_kind()
    {
        var columns = Table().Columns;
        columns[0].Should().Be(new ColumnInfo("n", DataKind.List, "list<long>") { ElementKind = DataKind.Integer });
        columns[1].ElementKind.Should().Be(DataKind.String);
    }

    [Fact]
    public void Null_checks_see_null_lists_not_null_elements()
    {
        var notNull = Run(new ColumnValuesToNotBeNull { Column = "n" }, Table());
        notNull.Result.UnexpectedIndexList.Should().Equal(1);
        notNull.Result.UnexpectedList![0].ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        Run(new ColumnValuesToBeNull { Column = "n" }, Table()).Result.UnexpectedIndexList.Should().Equal(0, 2, 3, 4);
    }

    [Fact]
    public void Value_lengths_are_numbers_of_elements()
    {
        var equal = Run(new ColumnValueLengthsToEqual { Column = "n", Value = 2 }, Table());
        equal.Result.UnexpectedIndexList.Should().Equal(2, 3, 4);
        equal.Result.MissingCount.Should().Be(1);
        equal.UnexpectedJson().Should().Equal("[]", "[3,null,40]", "[5]");

        // Lengths of a list of strings count elements, not characters.
        Run(new ColumnValueLengthsToBeBetween { Column = "tags", Bounds = new(1, 1) }, Table()).Result.UnexpectedIndexList.Should().Equal(0, 3, 4);
    }

    [Fact]
    public void In_set_applies_per_element_and_ignores_null_elements()
    {
        var result = Run(new ColumnValuesToBeInSet { Column = "tags", ValueSet = ValueList.Create<Scalar>(["a", "b", "c"]) }, Table());
        result.ExceptionInfo.Should().BeNull();
        result.Result.ElementCount.Should().Be(5);
        result.Result.MissingCount.Should().Be(1);
        result.Result.UnexpectedIndexList.Should().Equal(4);
        result.UnexpectedJson().Should().Equal("[\"zz\",\"a\"]");
        result.Result.UnexpectedPercent.Should().Be(25);

        Run(new ColumnValuesToNotBeInSet { Column = "tags", ValueSet = ValueList.Create<Scalar>(["a"]) }, Table()).Result.UnexpectedIndexList.Should().Equal(0, 3, 4);
    }

    [Fact]
    public void Between_applies_per_element_and_mostly_counts_lists()
    {
        var result = Run(new ColumnValuesToBeBetween { Column = "n", Bounds = new(0, 10) }, Table());
        result.Result.UnexpectedIndexList.Should().Equal(3);
        result.Success.Should().BeFalse();
        Run(new ColumnValuesToBeBetween { Column = "n", Bounds = new(0, 10), Mostly = 0.75 }, Table()).Success.Should().BeTrue();
        Run(new ColumnValuesToBeBetween { Column = "n", Bounds = new(0, 40) }, Table()).Success.Should().BeTrue("empty lists and null elements pass");
    }

    [Fact]
    public void Patterns_apply_per_element()
    {
        Run(new ColumnValuesToMatchRegex { Column = "tags", Regex = "^[a-c]$" }, Table()).Result.UnexpectedIndexList.Should().Equal(4);
        Run(new ColumnValuesToNotMatchLikePattern { Column = "tags", LikePattern = "c%" }, Table()).Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void An_element_check_of_the_wrong_kind_says_the_elements_were_checked()
    {
        var result = Run(new ColumnValuesToMatchRegex { Column = "n", Regex = "1" }, Table());
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("not text").And.Contain("column 'n' is a LIST: expect_column_values_to_match_regex checks each of its elements");

        var binaries = InMemoryTable.Builder().AddList("blobs", new byte[]?[]?[] { [[1, 2]], [null] }).Build();
        Run(new ColumnValuesToMatchRegex { Column = "blobs", Regex = "1" }, binaries).ExceptionInfo!.ExceptionMessage
            .Should().StartWith("the elements of column 'blobs' are binary");
        Run(new ColumnValuesToBeInSet { Column = "blobs", ValueSet = ValueList.Create<Scalar>(["\\x0102"]) }, binaries).Success.Should().BeTrue();
    }

    [Fact]
    public void Unique_compares_whole_lists_in_order()
    {
        var table = InMemoryTable.Builder().AddList("n", new long?[]?[] { [1, 2], [2, 1], [1, 2], null, [], [], [null], [null] }).Build();
        var result = Run(new ColumnValuesToBeUnique { Column = "n" }, table);
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(0, 2, 4, 5, 6, 7);
        result.UnexpectedJson().Should().Equal("[1,2]", "[1,2]", "[]", "[]", "[null]", "[null]");
    }

    [Theory]
    [MemberData(nameof(NotForLists))]
    public void Aggregates_and_order_on_lists_give_a_clear_error(Expectation expectation)
    {
        var result = Run(expectation, Table());
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().StartWith($"column 'n' is a LIST of Integer; {expectation.Type} does not apply to lists")
            .And.Contain("expect_column_value_lengths_to_be_between");
    }

    public static TheoryData<Expectation> NotForLists() =>
    [
        new ColumnMeanToBeBetween { Column = "n", Bounds = new(0, null) },
        new ColumnMinToBeBetween { Column = "n", Bounds = new(0, null) },
        new ColumnMaxToBeBetween { Column = "n", Bounds = new(null, 0) },
        new ColumnSumToBeBetween { Column = "n", Bounds = new(0, null) },
        new ColumnMedianToBeBetween { Column = "n", Bounds = new(0, null) },
        new ColumnUniqueValueCountToBeBetween { Column = "n", Bounds = new(0, null) },
        new ColumnDistinctValuesToBeInSet { Column = "n", ValueSet = ValueList.Create<Scalar>([1]) },
        new ColumnValuesToBeIncreasing { Column = "n" },
        new ColumnValueZScoresToBeLessThan { Column = "n", Threshold = 3 },
    ];

    [Fact]
    public void Row_conditions_filter_list_columns()
    {
        var table = InMemoryTable.Builder().AddList("n", Numbers).Add("k", new long?[] { 1, 1, 0, 0, 1 }).Build();
        var result = Run(new ColumnValuesToBeBetween { Column = "n", Bounds = new(null, 4), RowCondition = "k == 1" }, table);
        result.ExceptionInfo.Should().BeNull();
        result.Result.ElementCount.Should().Be(3);
        result.Result.UnexpectedIndexList.Should().Equal(4);
    }
}
