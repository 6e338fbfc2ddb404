using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Leakage;

public class NotInOtherTableTests
{
    private static InMemoryTable Users(params long?[] ids) => InMemoryTable.Builder().Add("user_id", ids).Build();

    private static ColumnValuesToNotBeInOtherTable NotIn(string column = "user_id") => new() { Column = column, OtherTableName = "test" };

    [Fact]
    public void Keys_shared_with_the_other_table_are_unexpected_with_row_indices_on_both_sides()
    {
        var r = Run(NotIn(), Users(1, 2, 3, 2, null, 4), Other("test", Users(9, 2, 2, 4, 8)));
        r.Success.Should().BeFalse();
        r.Result.ElementCount.Should().Be(6);
        r.Result.MissingCount.Should().Be(1);
        r.Result.UnexpectedCount.Should().Be(3);
        r.Result.PartialUnexpectedIndexList.Should().Equal(1, 3, 5);
        r.Result.PartialUnexpectedList!.Select(v => v.GetInt64()).Should().Equal(2, 2, 4);
        var d = r.Result.Details!.Value;
        d.GetProperty("leaked_key_count").GetInt64().Should().Be(2);
        d.GetProperty("other_row_count").GetInt64().Should().Be(5);
        d.GetProperty("other_rows_leaked").GetInt64().Should().Be(3);
        var keys = d.GetProperty("leaked_keys").EnumerateArray().Select(k => (
            k.GetProperty("key").GetInt64(), k.GetProperty("rows").GetInt64(), k.GetProperty("first_row").GetInt64(),
            k.GetProperty("other_rows").GetInt64(), k.GetProperty("other_first_row").GetInt64())).ToList();
        keys.Should().Equal((2L, 2L, 1L, 2L, 1L), (4L, 1L, 5L, 1L, 3L));
    }

    [Fact]
    public void Disjoint_splits_pass_and_null_keys_never_leak()
    {
        var r = Run(NotIn(), Users(1, null, 3), Other("test", Users(4, null)));
        r.Success.Should().BeTrue();
        r.Result.UnexpectedCount.Should().Be(0);
        r.Result.Details!.Value.GetProperty("leaked_keys").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Integers_of_different_widths_and_text_compare_by_value()
    {
        var ints = InMemoryTable.Builder().Add("user_id", new int?[] { 7, 8 }).Build();
        Run(NotIn(), Users(1, 7), Other("test", ints)).Result.PartialUnexpectedIndexList.Should().Equal(1);

        var here = InMemoryTable.Builder().Add("email", new[] { "a@x", "B@x", "b@x" }).Build();
        var there = InMemoryTable.Builder().Add("email", new[] { "b@x" }).Build();
        Run(NotIn("email"), here, Other("test", there)).Result.PartialUnexpectedIndexList.Should().Equal(2);
    }

    [Fact]
    public void A_column_list_compares_whole_rows_and_null_equals_null()
    {
        var here = InMemoryTable.Builder()
            .Add("text", new[] { "a", "a", "b", null, null })
            .Add("label", new long?[] { 1, 2, 1, 5, null })
            .Build();
        var there = InMemoryTable.Builder()
            .Add("text", new[] { "a", null, null })
            .Add("label", new long?[] { 2, 5, null })
            .Build();
        var rows = new ColumnValuesToNotBeInOtherTable { ColumnList = ValueList.Create(["text", "label"]), OtherTableName = "test" };
        var r = Run(rows, here, Other("test", there));
        r.Result.PartialUnexpectedIndexList.Should().Equal(1, 3);
        r.Result.MissingCount.Should().Be(1, "the all-null row has no key by default");
        r.Result.PartialUnexpectedList![0].GetRawText().Should().Be("""{"text":"a","label":2}""");

        var anyNull = Run(rows with { IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing }, here, Other("test", there));
        anyNull.Result.PartialUnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void The_result_equals_a_brute_force_semi_join_on_random_splits_in_parallel_parts()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 30; trial++)
        {
            var here = Enumerable.Range(0, random.Next(0, 80)).Select(_ => random.Next(8) == 0 ? (long?)null : random.Next(0, 60)).ToArray();
            var there = Enumerable.Range(0, random.Next(0, 80)).Select(_ => random.Next(8) == 0 ? (long?)null : random.Next(40, 120)).ToArray();
            var otherKeys = there.Where(v => v is not null).ToHashSet();
            var expected = here.Select((v, i) => (v, i)).Where(p => p.v is not null && otherKeys.Contains(p.v)).Select(p => (long)p.i).ToList();

            var r = Run(NotIn(), Split(Users(here), random.Next(1, 9)), Other("test", Split(Users(there), 7)), ResultFormat.Of(ResultFormatLevel.Complete), threads: 2);
            r.Result.UnexpectedIndexList.Should().Equal(expected, $"trial {trial}");
            r.Result.MissingCount.Should().Be(here.Count(v => v is null));
            var d = r.Result.Details!.Value;
            var leaked = here.Where(v => v is not null && otherKeys.Contains(v)).Distinct().ToList();
            d.GetProperty("leaked_key_count").GetInt64().Should().Be(leaked.Count);
            d.GetProperty("other_rows_leaked").GetInt64().Should().Be(there.Count(v => leaked.Contains(v)));
            foreach (var k in d.GetProperty("leaked_keys").EnumerateArray())
            {
                var key = k.GetProperty("key").GetInt64();
                k.GetProperty("first_row").GetInt64().Should().Be(Array.IndexOf(here, key));
                k.GetProperty("rows").GetInt64().Should().Be(here.Count(v => v == key));
                k.GetProperty("other_first_row").GetInt64().Should().Be(Array.IndexOf(there, key));
                k.GetProperty("other_rows").GetInt64().Should().Be(there.Count(v => v == key));
            }
        }
    }

    [Fact]
    public void Mostly_tolerates_a_fraction_of_leaked_rows()
    {
        Run(NotIn() with { Mostly = 0.7 }, Users(1, 2, 3, 4), Other("test", Users(4))).Success.Should().BeTrue();
        Run(NotIn() with { Mostly = 0.8 }, Users(1, 2, 3, 4), Other("test", Users(3, 4))).Success.Should().BeFalse();
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var strings = InMemoryTable.Builder().Add("user_id", new[] { "1" }).Build();
        Run(NotIn(), Users(1), Other("test", strings)).ExceptionInfo!.ExceptionMessage
            .Should().Contain("'user_id' is Integer").And.Contain("but String").And.Contain("in the other table 'test'");
        Run(NotIn(), Users(1), Other("test", InMemoryTable.Builder().Add("uid", new long?[] { 1 }).Build())).ExceptionInfo!.ExceptionMessage
            .Should().Contain("Column 'user_id' is not in the other table 'test'");
        Run(NotIn(), Users(1), Other("train", Users(1))).ExceptionInfo!.ExceptionMessage.Should().Contain("'test' was not supplied");
        Run(NotIn("userid"), Users(1), Other("test", Users(1))).ExceptionInfo!.ExceptionMessage.Should().Contain("did you mean 'user_id'");
    }

    [Fact]
    public void Arguments_dsl_and_json()
    {
        var both = () => new ColumnValuesToNotBeInOtherTable { Column = "a", ColumnList = ValueList.Create(["a"]), OtherTableName = "t" }.ThrowIfInvalid();
        both.Should().Throw<InvalidExpectationException>().WithMessage("*column or column_list is required, not both*");
        var neither = () => new ColumnValuesToNotBeInOtherTable { OtherTableName = "t" }.ThrowIfInvalid();
        neither.Should().Throw<InvalidExpectationException>();
        var noTable = () => new ColumnValuesToNotBeInOtherTable { Column = "a" }.ThrowIfInvalid();
        noTable.Should().Throw<InvalidExpectationException>().WithMessage("*other_table_name*");

        var suite = Expect.Suite("s")
            .Column("user_id", c => c.NotInOtherTable("test"))
            .Table(t => t.KeysNotInOtherTable(["text", "label"], "test", MultiColumnIgnoreRowIf.Never))
            .Build();
        suite.Expectations[0].Should().Be(NotIn());
        SuiteJson.Serialize(suite).Should().Contain("\"column_list\"").And.Contain("\"ignore_row_if\": \"never\"");
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);
    }
}
