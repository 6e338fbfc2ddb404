using System.Text;
using System.Text.Json;
using Expectations.Kernels;
using Expectations.Profiling;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>
/// The drift metric's state (a column profile with its sketches) after a save and load goes on exactly like the original:
/// past the exact limits (quantile sketch compactions, whose coin state is saved; distinct-sketch registers; Misra–Gries
/// reductions), merged and then fed more rows, both give the same profile.
/// </summary>
public sealed class ProfileStateRoundTripTests
{
    private static InMemoryTable Table(int first, int rows) => InMemoryTable.Builder("t")
        .Add("x", Enumerable.Range(first, rows).Select(i => i % 97 == 0 ? (double?)null : i % 89 == 0 ? double.NaN : Math.Sin(i) * 1000).ToList())
        .Add("n", Enumerable.Range(first, rows).Select(i => i % 50 == 0 ? (long?)null : (long)(i * 7919L % 100_003)).ToList())
        .Add("s", Enumerable.Range(first, rows).Select(i => i % 41 == 0 ? null : "v" + (i * 31 % 5_000)).ToList())
        .Build();

    private static ColumnProfileState Profile(string column, InMemoryTable table)
    {
        var state = new ColumnProfileState(table.Columns.Single(c => c.Name == column), ProfileOptions.Default);
        foreach (var chunk in table.ReadAsync([column]).ToBlockingEnumerable())
        {
            state.Add(chunk[column]);
        }

        return state;
    }

    private static string Json(ColumnProfileState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProfileJson.WriteColumn(writer, new ColumnProfile(state), includeDistinct: true);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("n")]
    [InlineData("s")]
    public void A_loaded_profile_state_merges_and_grows_exactly_like_the_original(string column)
    {
        var original = Profile(column, Table(0, 20_000));
        var writer = new StateWriter(0);
        original.Save(writer);
        var loaded = new ColumnProfileState(original.Info, original.Options);
        var reader = new StateReader(writer.Written.ToArray(), 0);
        loaded.Load(reader);
        reader.AtEnd.Should().BeTrue();
        original.Sketch?.IsExact.Should().BeFalse("the test must pass the exact limit");

        Json(loaded).Should().Be(Json(original));
        var later = Table(20_000, 15_000);
        original.Merge(Profile(column, later));
        loaded.Merge(Profile(column, later));
        var last = Table(35_000, 9_000);
        foreach (var chunk in last.ReadAsync([column]).ToBlockingEnumerable())
        {
            original.Add(chunk[column]);
            loaded.Add(chunk[column]);
        }

        Json(loaded).Should().Be(Json(original));
    }

    [Fact]
    public void A_truncated_profile_state_is_refused()
    {
        var original = Profile("s", Table(0, 3_000));
        var writer = new StateWriter(0);
        original.Save(writer);
        var bytes = writer.Written.ToArray();
        var load = () => new ColumnProfileState(original.Info, original.Options).Load(new StateReader(bytes.AsMemory(0, bytes.Length - 5), 0));
        load.Should().Throw<KernelException>().WithMessage("Saved state:*");
    }
}
