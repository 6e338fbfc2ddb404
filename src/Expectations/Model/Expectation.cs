using System.Text.Json;

namespace Expectations;

/// <summary>
/// One expectation about a dataset: immutable parameters plus its Great Expectations type name.
/// Instances come from the fluent DSL (<see cref="Expect"/>) or from suite JSON; both check arguments
/// with <see cref="ThrowIfInvalid"/>.
/// </summary>
public abstract record Expectation
{
    /// <summary>The wire name, equal to Great Expectations' (for example <c>expect_column_values_to_be_between</c>).</summary>
    public abstract string Type { get; }

    /// <summary>Whether a failure fails the validation.</summary>
    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>Optional identifier (GX writes a UUID).</summary>
    public string? Id { get; init; }

    /// <summary>Free-form metadata carried into reports (a JSON object), or null.</summary>
    public JsonElement? Meta { get; init; }

    /// <summary>A per-expectation <c>result_format</c> overriding the run's, or null.</summary>
    [Kwarg("result_format")]
    public ResultFormat? ResultFormat { get; init; }

    /// <summary>
    /// GX's <c>row_condition</c>: the expectation applies only to rows that satisfy it, e.g. <c>col("country") == "DE"</c>
    /// or, in pandas syntax, <c>country == "DE" &amp; amount &gt; 0</c>. Null when it applies to every row.
    /// </summary>
    [Kwarg("row_condition")]
    public string? RowCondition { get; init; }

    /// <summary>GX's <c>condition_parser</c>: <c>great_expectations</c> (default) or <c>pandas</c>; both syntaxes are understood.</summary>
    [Kwarg("condition_parser")]
    public string? ConditionParser { get; init; }

    /// <summary>The column this expectation is about, or null for table-level and multi-column ones.</summary>
    public virtual string? ColumnName => null;

    /// <summary>
    /// The columns whose values this expectation checks: its column, both columns of a pair, or its column list;
    /// empty for table-level expectations. Reports, quarantine and index columns use it.
    /// </summary>
    public virtual IReadOnlyList<string> CheckedColumns => [];

    /// <summary>Value equality over the type, severity, id, result format, kwargs and meta (compared as JSON).</summary>
    public virtual bool Equals(Expectation? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && Severity == other.Severity
        && Id == other.Id
        && Equals(ResultFormat, other.ResultFormat)
        && RowCondition == other.RowCondition
        && ConditionParser == other.ConditionParser
        && (Meta is null ? other.Meta is null : other.Meta is { } m && JsonElement.DeepEquals(Meta.Value, m));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Severity, Id, ResultFormat);

    /// <summary>Checks the arguments; throws <see cref="InvalidExpectationException"/> naming the expectation and argument.</summary>
    /// <param name="location">Where the expectation came from, for the message (a JSON path), or null.</param>
    public void ThrowIfInvalid(string? location = null)
    {
        var errors = new ArgumentErrors();
        CheckArguments(errors);
        if (errors.Count > 0)
        {
            throw new InvalidExpectationException(Type, location, errors.Items);
        }
    }

    /// <summary>
    /// Checks the arguments GX accepts when it reads a suite but refuses when the expectation runs (for example
    /// <c>min_value</c> above <c>max_value</c> on <c>expect_column_values_to_be_between</c>); throws
    /// <see cref="InvalidExpectationException"/> naming the expectation and argument. <see cref="ValidationPlan"/>
    /// calls it for each expectation, after resolving its suite parameters, and reports the problem as that result's
    /// <c>exception_info</c>: the rest of the suite still runs.
    /// </summary>
    internal void ThrowIfNotRunnable()
    {
        var errors = new ArgumentErrors();
        CheckRunArguments(errors);
        if (errors.Count > 0)
        {
            throw new InvalidExpectationException(Type, null, errors.Items);
        }
    }

    /// <summary>Adds a message for each argument that makes the expectation fail to run (see <see cref="ThrowIfNotRunnable"/>).</summary>
    private protected virtual void CheckRunArguments(ArgumentErrors errors)
    {
    }

    /// <summary>Adds a message for each invalid argument. Overrides call the base first.</summary>
    protected virtual void CheckArguments(ArgumentErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ConditionParser is not (null or "great_expectations" or "great_expectations__experimental__" or "pandas"))
        {
            errors.Add("condition_parser", $"'{ConditionParser}' is not supported; use \"great_expectations\" or \"pandas\"");
        }

        if (ConditionParser is not null && RowCondition is null)
        {
            errors.Add("condition_parser", "is given without a row_condition");
        }

        if (RowCondition is not null)
        {
            try
            {
                Expectations.RowCondition.Parse(RowCondition);
            }
            catch (FormatException ex)
            {
                errors.Add("row_condition", ex.Message);
            }
        }
    }
}

/// <summary>An expectation about one column.</summary>
public abstract record ColumnExpectation : Expectation
{
    /// <summary>The column name.</summary>
    [Kwarg("column", Required = true)]
    public string Column { get; init; } = "";

    /// <inheritdoc />
    public override string? ColumnName => Column;

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => [Column];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (string.IsNullOrEmpty(Column))
        {
            errors.Add("column", "is required and must be a column name");
        }
    }
}

/// <summary>
/// A row-by-row expectation over one column: nulls are ignored (except by the null checks) and
/// <see cref="Mostly"/> of the non-null rows must pass.
/// </summary>
public abstract record ColumnMapExpectation : ColumnExpectation
{
    /// <summary>The fraction of non-null rows that must pass, in [0, 1]; null means 1.</summary>
    [Kwarg("mostly")]
    public double? Mostly { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Mostly is { } m && !(m >= 0 && m <= 1))
        {
            errors.Add("mostly", $"must be between 0 and 1, got {m}");
        }
    }
}

/// <summary>Marks a property as a GX kwarg: the JSON reader and writer map it by this name.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class KwargAttribute(string name) : Attribute
{
    /// <summary>The kwarg name in suite JSON.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the kwarg must be present.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// Whether a <see cref="Scalar"/> kwarg holds a whole number (a count, length, index or size) or a suite
    /// parameter: suite JSON with any other value is refused when read, naming the kwarg, and a parameter that
    /// resolves to another value is that result's error.
    /// </summary>
    public bool Integer { get; init; }
}

/// <summary>Collects argument problems of one expectation.</summary>
public sealed class ArgumentErrors
{
    private readonly List<(string Argument, string Message)> _items = [];

    /// <summary>Number of problems.</summary>
    public int Count => _items.Count;

    internal IReadOnlyList<(string Argument, string Message)> Items => _items;

    /// <summary>Records that <paramref name="argument"/> <paramref name="message"/> (for example "must be at most max_value").</summary>
    public void Add(string argument, string message) => _items.Add((argument, message));

    /// <summary>Records "must be a number" when <paramref name="value"/> holds anything but a number, null or a suite parameter (checked again once resolved).</summary>
    internal void CheckNumber(Scalar? value, string argument)
    {
        if (value is { IsNull: false, IsParameter: false, IsNumeric: false } v)
        {
            Add(argument, $"must be a number or a suite parameter ({{\"$PARAMETER\": \"name\"}}), got {v}");
        }
    }

    /// <summary>Records "is required and must name a table" when <paramref name="name"/> (an <c>other_table_name</c>) is empty.</summary>
    internal void CheckTableName(string? name, string argument = "other_table_name")
    {
        if (string.IsNullOrEmpty(name))
        {
            Add(argument, "is required and must name a table");
        }
    }

    /// <summary>
    /// The whole number an integer kwarg holds, or null when it holds none (null) or a suite parameter (checked
    /// again once resolved); records "must be a whole number" for any other value, and "must be at most" above
    /// <paramref name="max"/>. Whole floats (<c>5.0</c>) count, as GX (pydantic) takes them.
    /// </summary>
    internal long? WholeNumber(Scalar? value, string argument, long max = long.MaxValue)
    {
        if (value is not { IsNull: false, IsParameter: false } v)
        {
            return null;
        }

        if (v.Kind != ScalarKind.Integer)
        {
            Add(argument, $"must be a whole number, got {v}");
            return null;
        }

        // An Integer scalar holds any JSON integer up to Int128 (1e19 reads as one), more than a count can be.
        if (v.AsInt128() > max)
        {
            Add(argument, max == long.MaxValue ? $"must be at most {max} (null for no bound), got {v}" : $"must be at most {max}, got {v}");
            return null;
        }

        if (v.AsInt128() < long.MinValue)
        {
            Add(argument, $"must be at least {long.MinValue}, got {v}");
            return null;
        }

        return v.AsInteger();
    }

    /// <summary>
    /// Records a problem when min &gt; max, saying what is wrong when the bounds cannot be ordered: a NaN bound (which
    /// bounds nothing), one date and one text that is no date, or text that looks like a date but is none ("2020-13-45").
    /// Two dates compare as dates, other text as text.
    /// </summary>
    public void CheckOrdered(Scalar? min, Scalar? max, string minName = "min_value", string maxName = "max_value")
    {
        if (min is { IsNull: false, IsParameter: false } nanMin && IsNaN(nanMin))
        {
            Add(minName, $"is NaN, which bounds nothing: use null for no minimum");
        }

        if (max is { IsNull: false, IsParameter: false } nanMax && IsNaN(nanMax))
        {
            Add(maxName, $"is NaN, which bounds nothing: use null for no maximum");
        }

        if (min is not { IsNull: false, IsParameter: false } lo || max is not { IsNull: false, IsParameter: false } hi || IsNaN(lo) || IsNaN(hi) || lo.IsNumeric != hi.IsNumeric)
        {
            return;
        }

        if (lo.Kind == ScalarKind.String && hi.Kind == ScalarKind.String)
        {
            var loDate = lo.TryGetTimestamp(out var from);
            var hiDate = hi.TryGetTimestamp(out var to);
            if (loDate && hiDate)
            {
                if (from > to)
                {
                    Add(minName, $"({lo}) must not be later than {maxName} ({hi})");
                }

                return;
            }

            if (loDate != hiDate)
            {
                var (name, value, other, otherValue) = loDate ? (maxName, hi, minName, lo) : (minName, lo, maxName, hi);
                Add(name, $"({value}) is not a date, but {other} ({otherValue}) is: the bounds of a date range must both be dates (ISO 8601, such as 2024-01-31 or 2024-01-31T12:00:00){NanTextNote(value)}");
                return;
            }

            if (lo.CompareTo(hi) > 0)
            {
                if (LooksLikeDate(lo) || LooksLikeDate(hi))
                {
                    var (name, value) = LooksLikeDate(lo) ? (minName, lo) : (maxName, hi);
                    Add(name, $"({value}) is not a valid date (ISO 8601, such as 2024-01-31), so the bounds were compared as text");
                }
                else if (NanTextNote(lo).Length > 0 || NanTextNote(hi).Length > 0)
                {
                    var (name, value) = NanTextNote(lo).Length > 0 ? (minName, lo) : (maxName, hi);
                    Add(name, $"({value}) is text, not a number{NanTextNote(value)}");
                }
                else
                {
                    Add(minName, $"({lo}) must not be greater than {maxName} ({hi}) (text bounds compare character by character)");
                }
            }

            return;
        }

        if (lo.CompareTo(hi) > 0)
        {
            Add(minName, $"({lo}) must not be greater than {maxName} ({hi})");
        }

        static bool IsNaN(Scalar s) => s.Kind == ScalarKind.Number && double.IsNaN(s.AsDouble());

        static bool LooksLikeDate(Scalar s) => s.AsString() is { Length: >= 7 } t && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[3]) && t[4] == '-' && char.IsAsciiDigit(t[5]);

        static string NanTextNote(Scalar s) => s.AsString().Trim().ToUpperInvariant() is "NAN" or "INF" or "-INF" or "INFINITY" or "-INFINITY" or "+INFINITY"
            ? $"; {s} bounds nothing as a number: use null for no bound"
            : "";
    }
}

/// <summary>An expectation with invalid arguments: names the expectation type, where it came from and each bad argument.</summary>
public sealed class InvalidExpectationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidExpectationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidExpectationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidExpectationException(string message, Exception innerException) : base(message, innerException) { }

    internal InvalidExpectationException(string type, string? location, IReadOnlyList<(string Argument, string Message)> errors, string? note = null)
        : base($"{type}{(location is null ? "" : $" at {location}")}: " + string.Join("; ", errors.Select(e => $"{e.Argument} {e.Message}")) + (note is null ? "" : $" ({note})"))
    {
        ExpectationType = type;
        Arguments = errors.Select(e => e.Argument).ToArray();
        Problems = [.. errors];
    }

    /// <summary>Each invalid argument with what is wrong with it.</summary>
    internal IReadOnlyList<(string Argument, string Message)> Problems { get; } = [];

    /// <summary>The expectation type whose arguments are invalid.</summary>
    public string? ExpectationType { get; }

    /// <summary>The invalid arguments.</summary>
    public IReadOnlyList<string> Arguments { get; } = [];
}
