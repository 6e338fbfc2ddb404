using System.Text;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>Binary columns (DataKind.Binary) stay bytes: compared, counted and reported as bytes (\x-hex), never decoded.</summary>
public class BinaryColumnTests
{
    private static readonly byte[] Hi = "hi"u8.ToArray();
    private static readonly byte[] Blob = [0xde, 0xad, 0xbe, 0xef];
    private static readonly byte[] NotUtf8 = [0xff, 0xfe, 0x00];

    /// <summary>Rows: "hi", dead-beef, null, ff-fe-00, "hi", empty.</summary>
    private static InMemoryTable Table() => InMemoryTable.Builder()
        .AddBinary("b", [Hi, Blob, null, NotUtf8, Hi, []])
        .Add("s", new string?[] { "hi", "x", null, "y", "hi", "" })
        .Build();

    [Fact]
    public void In_set_matches_hex_members_and_text_members_by_their_bytes()
    {
        var result = Run(new ColumnValuesToBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["hi", "\\xDEADbeef", "\\x"]) }, Table());
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(3);
        result.UnexpectedStrings().Should().Equal("\\xfffe00");
        result.Success.Should().BeFalse();

        Run(new ColumnValuesToBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["\\x6869", "\\xdeadbeef", "\\xfffe00", ""]) }, Table()).Success.Should().BeTrue();
    }

    [Fact]
    public void Not_in_set_flags_the_member_rows_and_numbers_never_match_bytes()
    {
        var result = Run(new ColumnValuesToNotBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["\\x6869", 104]) }, Table());
        result.Result.UnexpectedIndexList.Should().Equal(0, 4);
        result.UnexpectedStrings().Should().Equal("\\x6869", "\\x6869");
    }

    [Fact]
    public void A_member_that_is_not_valid_hex_stands_for_its_text()
    {
        // "\xzz" is not hex: it names its own UTF-8 bytes, so it matches only that text stored as bytes.
        var table = InMemoryTable.Builder().AddBinary("b", [Encoding.UTF8.GetBytes("\\xzz"), [0x00]]).Build();
        Run(new ColumnValuesToBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["\\xzz"]) }, table).Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void Value_lengths_count_bytes()
    {
        Run(new ColumnValueLengthsToEqual { Column = "b", Value = 2 }, Table()).Result.UnexpectedIndexList.Should().Equal(1, 3, 5);
        var between = Run(new ColumnValueLengthsToBeBetween { Column = "b", Bounds = new(1, 3) }, Table());
        between.Result.UnexpectedIndexList.Should().Equal(1, 5);
        between.Result.MissingCount.Should().Be(1);
    }

    [Fact]
    public void Unique_compares_bytes_and_reports_repeats_as_hex()
    {
        var result = Run(new ColumnValuesToBeUnique { Column = "b" }, Table());
        result.Success.Should().BeFalse();
        result.Result.UnexpectedIndexList.Should().Equal(0, 4);
        result.UnexpectedStrings().Should().Equal("\\x6869", "\\x6869");
        Run(new ColumnValuesToBeUnique { Column = "b" }, InMemoryTable.Builder().AddBinary("b", [Hi, Blob, NotUtf8, null, null]).Build()).Success.Should().BeTrue();
    }

    [Fact]
    public void Compound_and_multicolumn_uniqueness_take_binary_columns()
    {
        var table = InMemoryTable.Builder()
            .AddBinary("b", [Hi, Hi, Blob, Hi])
            .Add("n", new long?[] { 1, 2, 1, 1 })
            .Build();
        var compound = Run(new CompoundColumnsToBeUnique { ColumnList = ["b", "n"] }, table);
        compound.ExceptionInfo.Should().BeNull();
        compound.Result.UnexpectedIndexList.Should().Equal(0, 3);
        compound.Result.UnexpectedList![0].GetProperty("b").GetString().Should().Be("\\x6869");

        var withinRecord = InMemoryTable.Builder().AddBinary("a", [Hi, Blob]).AddBinary("c", [Hi, Hi]).Build();
        Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "c"] }, withinRecord).Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Fact]
    public void Pair_equality_compares_bytes_and_text_as_its_utf8()
    {
        var result = Run(new ColumnPairValuesToBeEqual { ColumnA = "b", ColumnB = "s" }, Table());
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(1, 3);
    }

    [Fact]
    public void Null_checks_see_null_bytes()
    {
        Run(new ColumnValuesToNotBeNull { Column = "b" }, Table()).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnValuesToBeNull { Column = "b" }, Table()).Result.UnexpectedCount.Should().Be(5);
    }

    [Fact]
    public void Distinct_values_are_reported_as_hex_and_matched_like_set_members()
    {
        var distinct = Run(new ColumnDistinctValuesToEqualSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["hi", "\\xdeadbeef", "\\xfffe00", "\\x"]) }, Table());
        distinct.ExceptionInfo.Should().BeNull();
        distinct.Success.Should().BeTrue();
        distinct.Result.ObservedValue!.Value.EnumerateArray().Select(v => v.GetString()).Should().Equal("\\x", "\\x6869", "\\xdeadbeef", "\\xfffe00");

        Run(new ColumnUniqueValueCountToBeBetween { Column = "b", Bounds = new(4, 4) }, Table()).Success.Should().BeTrue();
        Run(new ColumnMostCommonValueToBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["hi"]) }, Table()).Success.Should().BeTrue();
    }

    [Fact]
    public void Row_conditions_compare_binary_columns_by_bytes()
    {
        var suite = new ExpectationSuite("t", [new ColumnValuesToBeNull { Column = "s", RowCondition = "b == \"\\\\xdeadbeef\"" }]);
        var report = ValidationPlan.Compile(suite).Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Theory]
    [MemberData(nameof(TextOnly))]
    public void Text_expectations_give_a_clear_error_on_binary_columns(Expectation expectation)
    {
        var result = Run(expectation, Table());
        result.Success.Should().BeFalse();
        result.ExceptionInfo.Should().NotBeNull();
        result.ExceptionInfo!.ExceptionMessage.Should().StartWith("column 'b' is binary (BYTE_ARRAY); " + expectation.Type).And.Contain("never decoded");
        result.ExceptionInfo.RaisedException.Should().BeTrue();
    }

    public static TheoryData<Expectation> TextOnly() =>
    [
        new ColumnValuesToMatchRegex { Column = "b", Regex = "h" },
        new ColumnValuesToNotMatchRegex { Column = "b", Regex = "h" },
        new ColumnValuesToMatchRegexList { Column = "b", RegexList = ["h"] },
        new ColumnValuesToMatchLikePattern { Column = "b", LikePattern = "h%" },
        new ColumnValuesToMatchStrftimeFormat { Column = "b", StrftimeFormat = "%Y" },
        new ColumnValuesToBeJsonParseable { Column = "b" },
        new ColumnValuesToBeDateutilParseable { Column = "b" },
        new ColumnValuesToBeBetween { Column = "b", Bounds = new("a", "z") },
        new ColumnMaxToBeBetween { Column = "b", Bounds = new(null, "z") },
        new ColumnMeanToBeBetween { Column = "b", Bounds = new(0, null) },
    ];
}
