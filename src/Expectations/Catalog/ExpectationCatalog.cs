using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Expectations.Engine;

namespace Expectations.Catalog;

/// <summary>
/// Every expectation type Expectations knows: its wire name, its record type and its evaluator. Adding an
/// expectation is one line in <see cref="Registrations"/>.
/// </summary>
public sealed class ExpectationCatalog
{
    private readonly FrozenDictionary<string, Entry> _byName;
    private readonly FrozenDictionary<Type, Entry> _byType;

    private ExpectationCatalog(IEnumerable<Entry> entries)
    {
        var list = entries.ToList();
        _byName = list.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
        _byType = list.ToFrozenDictionary(e => e.ModelType);
    }

    /// <summary>The built-in catalog.</summary>
    public static ExpectationCatalog Default { get; } = new(Registrations.All());

    /// <summary>Wire names of all known expectation types, sorted.</summary>
    public IReadOnlyList<string> TypeNames => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The record type of expectation <paramref name="typeName"/>.</summary>
    public bool TryGetModelType(string typeName, [NotNullWhen(true)] out Type? modelType)
    {
        modelType = _byName.TryGetValue(typeName, out var e) ? e.ModelType : null;
        return modelType is not null;
    }

    /// <summary>The record types of all known expectations.</summary>
    public IReadOnlyList<Type> ModelTypes => [.. _byName.Values.Select(e => e.ModelType)];

    internal Func<Expectation, Evaluator> EvaluatorFactory(Expectation expectation) =>
        _byType.TryGetValue(expectation.GetType(), out var entry)
            ? entry.CreateEvaluator
            : throw new InvalidOperationException($"Expectation type {expectation.Type} ({expectation.GetType().Name}) has no evaluator registered.");

    internal sealed record Entry(string Name, Type ModelType, Func<Expectation, Evaluator> CreateEvaluator);

    /// <summary>Creates an entry; the wire name comes from the record's own <see cref="Expectation.Type"/>.</summary>
    internal static Entry Of<T>(Func<T, Evaluator> evaluator) where T : Expectation, new() =>
        new(new T().Type, typeof(T), e => evaluator((T)e));
}
