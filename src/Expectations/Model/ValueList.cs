using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Expectations;

/// <summary>
/// An immutable list with value equality, so expectation records that hold lists (value sets, column
/// lists) compare by content. Build it with a collection expression: <c>ValueList&lt;Scalar&gt; set = ["a", "b"];</c>
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps <paramref name="items"/>.</summary>
    public ValueList(ImmutableArray<T> items) => _items = items.IsDefault ? [] : items;

    /// <summary>An empty list.</summary>
    public static ValueList<T> Empty => new([]);

    /// <summary>The items.</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <inheritdoc />
    public bool Equals(ValueList<T> other) => Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equality.</summary>
    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>Creates <see cref="ValueList{T}"/> instances.</summary>
public static class ValueList
{
    /// <summary>A list of <paramref name="items"/> (copied).</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);

    /// <summary>A list of <paramref name="items"/> (copied).</summary>
    public static ValueList<T> From<T>(IEnumerable<T> items) => new([.. items]);
}
