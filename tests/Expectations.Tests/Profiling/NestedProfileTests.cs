namespace Expectations.Tests.Profiling;

/// <summary>Profiles of binary, list, struct and map columns.</summary>
public class NestedProfileTests
{
    private static DatasetProfile Build(IDataSource source) => DatasetProfile.BuildAsync(source).GetAwaiter().GetResult();

    private static InMemoryTable Table() => InMemoryTable.Builder("nested")
        .AddBinary("b", [[0xde, 0xad], [0xde, 0xad], null, [], [0xff, 0x00, 0x01]])
        .AddList("tags", new string?[]?[] { ["a", "b"], ["a"], null, [], ["a", null, "c"] })
        .AddList("n", new long?[]?[] { [1, 5], [2], null, [], [9, null, -3] })
        .AddStruct("s", [true, false, true, true, true], f => f.Add("x", new long?[] { 1, null, 2, 3, 4 }))
        .Build();

    [Fact]
    public void Binary_profile_counts_bytes_and_shows_values_as_hex()
    {
        var c = Build(Table()).Column("b")!;
        c.Family.Should().Be(ProfileFamily.Binary);
        c.RowCount.Should().Be(5);
        c.NullCount.Should().Be(1);
        c.DistinctCount.Should().Be(3);
        c.EmptyCount.Should().Be(1);
        (c.MinLength, c.MaxLength, c.MeanLength).Should().Be((0L, 3L, 7 / 4.0));
        c.TopValues().Should().Equal(new ValueCount("\\xdead", 2), new ValueCount("\\x", 1), new ValueCount("\\xff0001", 1));
    }

    [Fact]
    public void List_profile_has_nulls_lengths_and_element_statistics()
    {
        var profile = Build(Table());
        var tags = profile.Column("tags")!;
        tags.Family.Should().Be(ProfileFamily.List);
        tags.ElementKind.Should().Be(DataKind.String);
        tags.NullCount.Should().Be(1);
        tags.EmptyCount.Should().Be(1);
        tags.DistinctCount.Should().Be(4);
        (tags.MinLength, tags.MaxLength, tags.MeanLength).Should().Be((0L, 3L, 6 / 4.0));
        (tags.ListLengths!.Name, tags.ListLengths.NullCount, tags.ListLengths.Min, tags.ListLengths.Max).Should().Be(("len(tags)", 1L, 0.0, 3.0));
        tags.TopValues(1).Should().Equal(new ValueCount("[\"a\",\"b\"]", 1));

        var elements = tags.Elements!;
        elements.Name.Should().Be("tags[]");
        elements.Family.Should().Be(ProfileFamily.String);
        (elements.RowCount, elements.NullCount, elements.DistinctCount).Should().Be((6L, 1L, 3L));
        elements.TopValues(1).Should().Equal(new ValueCount("a", 3));

        var n = profile.Column("n")!.Elements!;
        (n.RowCount, n.NullCount, n.Min, n.Max).Should().Be((6L, 1L, -3.0, 9.0));
    }

    [Fact]
    public void Struct_profile_has_counts_and_its_fields_are_columns()
    {
        var profile = Build(Table());
        var s = profile.Column("s")!;
        s.Family.Should().Be(ProfileFamily.Nested);
        (s.RowCount, s.NullCount, s.DistinctCount).Should().Be((5L, 1L, 0L));
        s.TopValues().Should().BeEmpty();
        profile.Column("s.x")!.Parent.Should().Be("s");
        profile.Column("s.x")!.Max.Should().Be(4);
    }

    [Fact]
    public void Profiles_of_every_kind_survive_json_and_merge()
    {
        var profile = Build(Table());
        var loaded = DatasetProfile.Parse(profile.ToJson());
        loaded.ToJson().Should().Be(profile.ToJson());
        loaded.Column("b")!.TopValues()[0].Should().Be(new ValueCount("\\xdead", 2));
        loaded.Column("tags")!.Elements!.DistinctCount.Should().Be(3);
        loaded.Column("s.x")!.Parent.Should().Be("s");

        var merged = profile.Merge(loaded);
        merged.Column("tags")!.Elements!.RowCount.Should().Be(12);
        merged.Column("n")!.ListLengths!.Max.Should().Be(3);
        merged.Column("b")!.TopValues()[0].Should().Be(new ValueCount("\\xdead", 4));
        ProfileHtml.Render(merged).Should().Contain("elements (string)").And.Contain("\\xdead");
    }
}
