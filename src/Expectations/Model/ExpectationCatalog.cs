using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// The expectation types a suite may name: each wire name with its record type. Immutable; <see cref="Default"/>
/// holds the built-in ones and <see cref="With{T}"/> adds one written outside the library. Suite JSON finds
/// records here; the execution backends find their evaluators by record type.
/// </summary>
public sealed class ExpectationCatalog
{
    private readonly FrozenDictionary<string, Type> _byName;

    private ExpectationCatalog(IEnumerable<Type> types)
    {
        _byName = types.ToFrozenDictionary(TypeNameOf, StringComparer.Ordinal);
    }

    /// <summary>The built-in expectations.</summary>
    public static ExpectationCatalog Default { get; } = new(BuiltInExpectations.All());

    /// <summary>Wire names of all known expectation types, sorted.</summary>
    public IReadOnlyList<string> TypeNames => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The record types of all known expectations.</summary>
    public IReadOnlyList<Type> ModelTypes => [.. _byName.Values];

    /// <summary>The record type of expectation <paramref name="typeName"/>.</summary>
    public bool TryGetModelType(string typeName, [NotNullWhen(true)] out Type? modelType) => _byName.TryGetValue(typeName, out modelType);

    /// <summary>
    /// This catalog plus the record <typeparamref name="T"/>, under the wire name of its <c>TypeName</c> constant.
    /// Throws when the name is taken by another record.
    /// </summary>
    public ExpectationCatalog With<T>() where T : Expectation, new() => With(typeof(T));

    /// <summary>This catalog plus the record type <paramref name="recordType"/> (see <see cref="With{T}"/>).</summary>
    internal ExpectationCatalog With(Type recordType)
    {
        var name = TypeNameOf(recordType);
        if (_byName.TryGetValue(name, out var existing))
        {
            return existing == recordType
                ? this
                : throw new ArgumentException($"The expectation type name '{name}' is taken by {existing.FullName}.", nameof(recordType));
        }

        return new ExpectationCatalog(_byName.Values.Append(recordType));
    }

    /// <summary>A record's wire name: its public <c>TypeName</c> constant, which must equal what <see cref="Expectation.Type"/> returns.</summary>
    internal static string TypeNameOf(Type type)
    {
        var field = type.GetField("TypeName", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        if (field is not { IsLiteral: true } || field.GetRawConstantValue() is not string name)
        {
            throw new ArgumentException($"Expectation record {type.FullName} must declare its wire name as `public const string TypeName = \"expect_...\";`.");
        }

        var instance = (Expectation)Activator.CreateInstance(type)!;
        return instance.Type == name
            ? name
            : throw new ArgumentException($"Expectation record {type.FullName}: Type returns '{instance.Type}' but TypeName is '{name}'.");
    }
}
