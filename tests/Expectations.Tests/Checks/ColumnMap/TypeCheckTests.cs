using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class TypeCheckTests
{
    private static InMemoryTable Table() => InMemoryTable.Builder()
        .Add("x", new long?[] { 1, 2, 4 })
        .Add("i32", new int?[] { 1, 2, 4 })
        .Add("y", new double?[] { 1.0, 2.2, 5.3 })
        .Add("z", new string?[] { "hello", "jello", null })
        .Add("b", new bool?[] { false, true, false })
        .Add("m", new decimal?[] { 1.5m, null, 2m })
        .Add("t", new DateTime?[] { new(2016, 1, 1), null, new(2017, 2, 1) })
        .AddBatch(new PrimitiveBatch<long>("tz", DataKind.Timestamp, new long[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty, 0), "DateTime (UTC)")
        .AddBatch(new PrimitiveBatch<float>("f32", DataKind.Float, new float[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty, 0), "Single")
        .AddBatch(new PrimitiveBatch<byte>("u8", DataKind.Integer, new byte[] { 1, 2, 3 }, ReadOnlyMemory<byte>.Empty, 0), "INT32 (UINT_8)")
        .Build();

    [Theory]
    [InlineData("x", "int", true, "int64")]
    [InlineData("x", "int64", true, "int64")]
    [InlineData("x", "Int64", true, "int64")]
    [InlineData("x", "long", true, "int64")]
    [InlineData("x", "LongType", true, "int64")]
    [InlineData("x", "BIGINT", true, "int64")]
    [InlineData("x", "int32", false, "int64")]
    [InlineData("x", "string", false, "int64")]
    [InlineData("x", "float", false, "int64")]
    [InlineData("i32", "int", true, "int32")]
    [InlineData("i32", "int32", true, "int32")]
    [InlineData("i32", "IntegerType", true, "int32")]
    [InlineData("i32", "int64", false, "int32")]
    [InlineData("u8", "uint8", true, "uint8")]
    [InlineData("u8", "byte", true, "uint8")]
    [InlineData("u8", "int8", false, "uint8")]
    [InlineData("y", "float", true, "float64")]
    [InlineData("y", "float64", true, "float64")]
    [InlineData("y", "DOUBLE_PRECISION", true, "float64")]
    [InlineData("y", "double", true, "float64")]
    [InlineData("y", "float32", false, "float64")]
    [InlineData("f32", "float32", true, "float32")]
    [InlineData("f32", "FloatType", true, "float32")]
    [InlineData("f32", "float", true, "float32")]
    [InlineData("b", "bool", true, "bool_")]
    [InlineData("b", "BOOLEAN", true, "bool_")]
    [InlineData("b", "int", false, "bool_")]
    [InlineData("t", "datetime64", true, "datetime64")]
    [InlineData("t", "datetime64[ns]", true, "datetime64")]
    [InlineData("t", "Timestamp", true, "datetime64")]
    [InlineData("t", "DatetimeTZDtype", false, "datetime64")]
    [InlineData("tz", "Timestamp", true, "Timestamp")]
    [InlineData("tz", "datetime64", false, "Timestamp")]
    [InlineData("tz", "int", false, "Timestamp")]
    [InlineData("z", "object", true, "object_")]
    [InlineData("z", "O", true, "object_")]
    [InlineData("z", "object_", true, "object_")]
    [InlineData("m", "object", true, "object_")]
    [InlineData("x", "object", false, "int64")]
    [InlineData("x", "no_such_type", false, "int64")]
    public void Typed_columns_are_judged_by_their_dtype(string column, string type, bool success, string observed)
    {
        var result = Run(new ColumnValuesToBeOfType { Column = column, ExpectedType = type }, Table());
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(success);
        result.Result.ObservedValue!.Value.GetString().Should().Be(observed);
        result.Result.UnexpectedList.Should().BeNull("a typed column has aggregate semantics, as in GX on pandas");
    }

    [Theory]
    [InlineData("z", "str", true)]
    [InlineData("z", "string", true)]
    [InlineData("z", "VARCHAR(255)", true)]
    [InlineData("z", "int", false)]
    [InlineData("m", "decimal", true)]
    [InlineData("m", "DECIMAL(10,2)", true)]
    [InlineData("m", "str", false)]
    public void Object_columns_are_judged_value_by_value(string column, string type, bool success)
    {
        var result = Run(new ColumnValuesToBeOfType { Column = column, ExpectedType = type }, Table());
        result.Success.Should().Be(success);
        result.Result.ObservedValue.Should().BeNull();
        result.Result.UnexpectedCount.Should().Be(success ? 0 : 2, "both non-null values have the column's element type");
        result.Result.MissingCount.Should().Be(1);
    }

    [Fact]
    public void Type_list_follows_the_gx_fixture()
    {
        var table = InMemoryTable.Builder()
            .Add("x", new long?[] { 1, 2, 4 })
            .Add("y", new double?[] { 1.0, 2.2, 5.3 })
            .Add("s", new string?[] { "hello", "jello", "1" })
            .Build();
        Run(new ColumnValuesToBeInTypeList { Column = "x", TypeList = ValueList.Create(["string"]) }, table).Success.Should().BeFalse();
        Run(new ColumnValuesToBeInTypeList { Column = "y", TypeList = ValueList.Create(["float"]) }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeInTypeList { Column = "s", TypeList = ValueList.Create(["str", "int"]) }, table).Result.UnexpectedList.Should().BeEmpty();
        var negative = Run(new ColumnValuesToBeInTypeList { Column = "s", TypeList = ValueList.Create(["bool"]) }, table);
        negative.Success.Should().BeFalse();
        negative.UnexpectedStrings().Should().Equal("hello", "jello", "1");
        var any = Run(new ColumnValuesToBeInTypeList { Column = "s" }, table);
        any.Success.Should().BeTrue();
        any.Result.ObservedValue!.Value.GetString().Should().Be("object_");
        Run(new ColumnValuesToBeInTypeList { Column = "x", TypeList = ValueList.Create(["int8", "int64"]) }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeInTypeList { Column = "x", TypeList = ValueList<string>.Empty }, table).Success.Should().BeFalse();
    }

    [Fact]
    public void Mostly_applies_to_object_columns_and_all_null_object_columns_pass()
    {
        var table = InMemoryTable.Builder().Add("s", new string?[] { null, null }).Build();
        Run(new ColumnValuesToBeOfType { Column = "s", ExpectedType = "int" }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeOfType { Column = "s", ExpectedType = "int", Mostly = 0 }, Strings("a")).Success.Should().BeTrue();
    }

    [Fact]
    public void Dsl_json_and_arguments()
    {
        Expect.Suite("s").Column<long>("x", c => c.OfType("int64").InTypeList("int32", "int64")).Build().Expectations.Should().Equal(
            new ColumnValuesToBeOfType { Column = "x", ExpectedType = "int64" },
            new ColumnValuesToBeInTypeList { Column = "x", TypeList = ValueList.Create(["int32", "int64"]) });
        new ColumnValuesToBeOfType { Column = "x", ExpectedType = "int" }.ShouldRoundTrip();
        new ColumnValuesToBeInTypeList { Column = "x", TypeList = ValueList.Create(["str"]) }.ShouldRoundTrip();
        new ColumnValuesToBeInTypeList { Column = "x" }.ShouldRoundTrip();
        Parse("""{"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "x", "type_": "int"}}""").Should().Be(new ColumnValuesToBeOfType { Column = "x", ExpectedType = "int" });
        Parse("""{"type": "expect_column_values_to_be_in_type_list", "kwargs": {"column": "x", "type_list": null}}""").Should().Be(new ColumnValuesToBeInTypeList { Column = "x" });
        var act = () => new ColumnValuesToBeOfType { Column = "x", ExpectedType = " " }.ThrowIfInvalid();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*type_*");
    }
}
