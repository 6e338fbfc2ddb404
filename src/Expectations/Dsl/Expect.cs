using System.Text.Json;

namespace Expectations;

/// <summary>
/// Entry point of the fluent DSL:
/// <code>
/// var suite = Expect.Suite("transactions")
///     .Column("amount", c => c.Between(0, 10_000).Mostly(0.99))
///     .Column&lt;string&gt;("email", c => c.NotNull().MatchesRegex(@"^[^@\s]+@[^@\s]+$"))
///     .RowCount(min: 1_000)
///     .Build();
/// </code>
/// </summary>
public static class Expect
{
    /// <summary>Starts a suite named <paramref name="name"/>.</summary>
    public static SuiteBuilder Suite(string name) => new(name);
}

/// <summary>Collects expectations for a suite; <see cref="Build"/> checks every argument and returns the immutable suite.</summary>
public sealed class SuiteBuilder
{
    private readonly string _name;
    private readonly List<Expectation> _expectations = [];
    private JsonElement? _meta;

    internal SuiteBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Adds expectations about a column of any type (verbs that need a specific type take <see cref="Column{T}"/>).</summary>
    public SuiteBuilder Column(string name, Action<ColumnBuilder<Scalar>> build) => Column<Scalar>(name, build);

    /// <summary>
    /// Adds expectations about a column holding <typeparamref name="T"/> values: numeric verbs exist for numbers,
    /// pattern and length verbs for <see cref="string"/>, date bounds for <see cref="DateTime"/>.
    /// </summary>
    public SuiteBuilder Column<T>(string name, Action<ColumnBuilder<T>> build)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(build);
        build(new ColumnBuilder<T>(name, _expectations));
        return this;
    }

    /// <summary>Adds expectations about the table as a whole (row count, columns) or several columns.</summary>
    public SuiteBuilder Table(Action<TableBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        build(new TableBuilder(_expectations));
        return this;
    }

    /// <summary>Expects the row count within the bounds (GX <c>expect_table_row_count_to_be_between</c>).</summary>
    public SuiteBuilder RowCount(long? min = null, long? max = null) => Table(t => t.RowCount(min, max));

    /// <summary>Adds an expectation record as is (any type of the catalog).</summary>
    public SuiteBuilder Add(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        _expectations.Add(expectation);
        return this;
    }

    /// <summary>Attaches suite metadata (a JSON object).</summary>
    public SuiteBuilder WithMeta(JsonElement meta)
    {
        _meta = meta.Clone();
        return this;
    }

    /// <summary>Checks every expectation's arguments and builds the suite.</summary>
    /// <exception cref="InvalidExpectationException">An argument is invalid; the message names the expectation and argument.</exception>
    public ExpectationSuite Build() => new(_name, _expectations, _meta);
}

/// <summary>Modifiers shared by the column and table builders: they change the expectation added last.</summary>
public abstract class ExpectationBuilder<TSelf> where TSelf : ExpectationBuilder<TSelf>
{
    private readonly List<Expectation> _sink;
    private int _ownStart;

    private protected ExpectationBuilder(List<Expectation> sink)
    {
        _sink = sink;
        _ownStart = sink.Count;
    }

    /// <summary>Adds an expectation (used by verb extension methods).</summary>
    public TSelf Add(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        _sink.Add(expectation);
        return (TSelf)this;
    }

    /// <summary>Sets the severity of the expectation added last.</summary>
    public TSelf WithSeverity(Severity severity) => Modify(e => e with { Severity = severity });

    /// <summary>Makes the expectation added last a warning: reported, but it does not fail the validation.</summary>
    public TSelf AsWarning() => WithSeverity(Severity.Warning);

    /// <summary>Sets the id of the expectation added last.</summary>
    public TSelf WithId(string id) => Modify(e => e with { Id = id });

    /// <summary>Sets the metadata (a JSON object) of the expectation added last.</summary>
    public TSelf WithMeta(JsonElement meta) => Modify(e => e with { Meta = meta.Clone() });

    /// <summary>Sets the result format of the expectation added last.</summary>
    public TSelf WithResultFormat(ResultFormatLevel level) => Modify(e => e with { ResultFormat = ResultFormat.Of(level) });

    /// <summary>Replaces the expectation added last by this builder.</summary>
    protected TSelf Modify(Func<Expectation, Expectation> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_sink.Count <= _ownStart)
        {
            throw new InvalidOperationException("Add an expectation before modifying it (for example c.Between(0, 1).Mostly(0.99)).");
        }

        _sink[^1] = change(_sink[^1]);
        return (TSelf)this;
    }

    /// <summary>The expectation added last.</summary>
    protected Expectation Last => _sink.Count > _ownStart ? _sink[^1] : throw new InvalidOperationException("No expectation has been added yet.");
}

/// <summary>
/// Expectations about one column. Verbs are extension methods: those for every type live on
/// <c>ColumnBuilder&lt;T&gt;</c>, type-specific ones on <c>ColumnBuilder&lt;string&gt;</c>, numeric <c>T</c> and <c>ColumnBuilder&lt;DateTime&gt;</c>.
/// </summary>
/// <typeparam name="T">The column's value type, or <see cref="Scalar"/> for any.</typeparam>
public sealed class ColumnBuilder<T> : ExpectationBuilder<ColumnBuilder<T>>
{
    internal ColumnBuilder(string column, List<Expectation> sink) : base(sink) => Name = column;

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>Lets the row-level expectation added last pass when at least <paramref name="fraction"/> of non-null rows pass.</summary>
    /// <exception cref="InvalidOperationException">The last expectation is not row-level (aggregates have no <c>mostly</c>).</exception>
    public ColumnBuilder<T> Mostly(double fraction) => Modify(e => e is ColumnMapExpectation m
        ? m with { Mostly = fraction }
        : throw new InvalidOperationException($"Mostly applies to row-level expectations; {e.Type} is not one."));
}

/// <summary>Expectations about the whole table and about several columns.</summary>
public sealed class TableBuilder : ExpectationBuilder<TableBuilder>
{
    internal TableBuilder(List<Expectation> sink) : base(sink)
    {
    }
}
