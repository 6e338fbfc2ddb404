using System.Collections.Immutable;
using System.Text.Json;

namespace Expectations;

/// <summary>A named, immutable list of expectations: what a dataset must look like.</summary>
public sealed record ExpectationSuite
{
    /// <summary>Creates a suite; every expectation's arguments are checked.</summary>
    public ExpectationSuite(string name, IEnumerable<Expectation> expectations, JsonElement? meta = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(expectations);
        Name = name;
        Expectations = [.. expectations];
        for (var i = 0; i < Expectations.Length; i++)
        {
            Expectations[i].ThrowIfInvalid($"expectations[{i}]");
        }

        Meta = meta;
    }

    /// <summary>The suite name.</summary>
    public string Name { get; }

    /// <summary>The expectations, in order.</summary>
    public ImmutableArray<Expectation> Expectations { get; }

    /// <summary>Free-form metadata (a JSON object), or null.</summary>
    public JsonElement? Meta { get; }

    /// <summary>Value equality including the expectations, in order.</summary>
    public bool Equals(ExpectationSuite? other) =>
        other is not null && Name == other.Name && Expectations.SequenceEqual(other.Expectations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Expectations.Length);
}
