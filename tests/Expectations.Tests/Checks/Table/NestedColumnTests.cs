using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.Table;

/// <summary>
/// STRUCT and MAP columns hold nullness only; their fields are columns named parent.field. Table-level column checks see
/// top-level columns, as pandas, Spark and DuckDB count them; any column, fields included, exists and can be checked.
/// </summary>
public class NestedColumnTests
{
    /// <summary>id, address {city, zip {code}}, attrs MAP {key, value}: 3 top-level columns, 8 in all.</summary>
    private static InMemoryTable Table() => InMemoryTable.Builder()
        .Add("id", new long?[] { 1, 2, 3 })
        .AddStruct("address", [true, false, true], a => a
            .Add("city", new string?[] { "Bonn", null, "Köln" })
            .AddStruct("zip", [true, false, false], z => z.Add("code", new string?[] { "53111", null, null })))
        .AddMap("attrs", [true, true, false], m => m
            .AddList("key", new string?[]?[] { ["color"], [], null })
            .AddList("value", new string?[]?[] { ["red"], [], null }))
        .Build();

    [Fact]
    public void The_builder_names_fields_with_their_parent()
    {
        var columns = Table().Columns;
        columns.Select(c => c.Name).Should().Equal("id", "address", "address.city", "address.zip", "address.zip.code", "attrs", "attrs.key", "attrs.value");
        columns.Select(c => c.Parent).Should().Equal(null, null, "address", "address", "address", null, "attrs", "attrs");
        columns.Select(c => c.Kind).Should().Equal(DataKind.Integer, DataKind.Struct, DataKind.String, DataKind.Struct, DataKind.String, DataKind.Map, DataKind.List, DataKind.List);
    }

    [Fact]
    public void Table_column_checks_use_top_level_columns()
    {
        var table = Table();
        Run(new TableColumnsToMatchSet { ColumnSet = ["id", "address", "attrs"] }, table).Success.Should().BeTrue();
        Run(new TableColumnsToMatchOrderedList { ColumnList = ["id", "address", "attrs"] }, table).Success.Should().BeTrue();
        Run(new TableColumnCountToEqual { Value = 3 }, table).Success.Should().BeTrue();
        Run(new TableColumnCountToBeBetween { Bounds = new(3, 3) }, table).Success.Should().BeTrue();
        var set = Run(new TableColumnsToMatchSet { ColumnSet = ["id", "address", "address.city", "attrs"] }, table);
        set.Success.Should().BeFalse();
        set.Result.ObservedValue!.Value.EnumerateArray().Select(v => v.GetString()).Should().Equal("address", "attrs", "id");
    }

    [Fact]
    public void Column_to_exist_accepts_fields_and_positions_count_top_level_columns()
    {
        var table = Table();
        Run(new ColumnToExist { Column = "address.city" }, table).Success.Should().BeTrue();
        Run(new ColumnToExist { Column = "address.zip.code" }, table).Success.Should().BeTrue();
        Run(new ColumnToExist { Column = "attrs.value" }, table).Success.Should().BeTrue();
        Run(new ColumnToExist { Column = "address.street" }, table).Success.Should().BeFalse();
        Run(new ColumnToExist { Column = "attrs", ColumnIndex = 2 }, table).Success.Should().BeTrue();
    }

    [Fact]
    public void Nullness_of_structs_and_maps_is_checked()
    {
        var table = Table();
        var result = Run(new ColumnValuesToNotBeNull { Column = "address" }, table);
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(1);
        result.Result.UnexpectedList![0].ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        Run(new ColumnValuesToBeNull { Column = "attrs" }, table).Result.UnexpectedIndexList.Should().Equal(0, 1);
        Run(new ColumnValuesToNotBeNull { Column = "address.city", Mostly = 0.6 }, table).Success.Should().BeTrue();
    }

    [Fact]
    public void Fields_are_checked_like_any_column()
    {
        var table = Table();
        Run(new ColumnValuesToBeInSet { Column = "address.city", ValueSet = ValueList.Create<Scalar>(["Bonn"]) }, table).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnValuesToBeInSet { Column = "attrs.key", ValueSet = ValueList.Create<Scalar>(["color"]) }, table).Success.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(NotForStructs))]
    public void Other_checks_on_a_struct_name_its_fields(Expectation expectation)
    {
        var result = Run(expectation, Table());
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().StartWith("column 'address' is a STRUCT; check its fields (address.city, address.zip, address.zip.code)");
    }

    public static TheoryData<Expectation> NotForStructs() =>
    [
        new ColumnValuesToBeInSet { Column = "address", ValueSet = ValueList.Create<Scalar>(["x"]) },
        new ColumnValuesToBeUnique { Column = "address" },
        new ColumnValueLengthsToEqual { Column = "address", Value = 1 },
        new ColumnValuesToMatchRegex { Column = "address", Regex = "." },
        new ColumnMaxToBeBetween { Column = "address", Bounds = new(null, 1) },
        new ColumnDistinctValuesToBeInSet { Column = "address", ValueSet = ValueList.Create<Scalar>(["x"]) },
        new CompoundColumnsToBeUnique { ColumnList = ["id", "address"] },
    ];

    [Fact]
    public void A_map_names_its_keys_and_values()
    {
        Run(new ColumnValuesToBeUnique { Column = "attrs" }, Table()).ExceptionInfo!.ExceptionMessage
            .Should().StartWith("column 'attrs' is a MAP; check its keys and values (attrs.key, attrs.value)");
    }

    [Fact]
    public void The_example_of_docs_nested_and_binary_passes()
    {
        // The same table and suite as the first example of docs/nested-and-binary.md.
        var table = InMemoryTable.Builder("orders")
            .Add("id", new long?[] { 1, 2, 3 })
            .AddBinary("hash", [[0xde, 0xad], [0xbe, 0xef], null])
            .AddList("tags", new string?[]?[] { ["new", "gift"], [], null })
            .AddStruct("address", [true, true, true], a => a.Add("city", new string?[] { "Bonn", "Köln", null }))
            .AddMap("attrs", [true, false, true], m => m
                .AddList("key", new string?[]?[] { ["color"], null, [] })
                .AddList("value", new string?[]?[] { ["red"], null, [] }))
            .Build();
        var suite = Expect.Suite("orders")
            .Table(t => t.ColumnCountEquals(5))
            .Column<string>("hash", c => c.InSet("\\xdead", "\\xbeef"))
            .Column<string>("tags", c => c.InSet("new", "gift", "sale"))
            .Column("address", c => c.NotNull())
            .Column<string>("address.city", c => c.InSet("Bonn", "Köln"))
            .Build();
        var report = suite.Validate(table);
        report.Results.Where(r => !r.Success).Select(r => FailureText.Describe(r)).Should().BeEmpty();
    }

    [Fact]
    public void Types_of_nested_and_binary_columns_are_named_as_python_names_them()
    {
        var table = InMemoryTable.Builder().AddBinary("b", [[1]]).AddList("l", new long?[]?[] { [1] }).AddStruct("s", [true], _ => { }).Build();
        Run(new ColumnValuesToBeOfType { Column = "b", ExpectedType = "bytes" }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeOfType { Column = "l", ExpectedType = "list" }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeOfType { Column = "s", ExpectedType = "dict" }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeOfType { Column = "l", ExpectedType = "str" }, table).Success.Should().BeFalse();
    }
}
