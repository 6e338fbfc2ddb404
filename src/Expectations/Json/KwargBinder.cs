using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using Expectations.Model;

namespace Expectations.Json;

/// <summary>
/// Maps kwargs JSON to expectation record properties and back, by their <see cref="KwargAttribute"/>:
/// one mechanism for every expectation type, so a new type needs no reader or writer code.
/// </summary>
internal static class KwargBinder
{
    /// <summary>
    /// Kwargs GX suites carry that do not change what is checked here: GX's runtime and metadata keys
    /// (<c>catch_exceptions</c>, <c>include_config</c>, <c>meta</c>, <c>notes</c>, …) and the keys of GX 0.x's
    /// rule-based profiler (<c>auto</c>, <c>profiler_config</c>), which GX 0.x wrote into suites.
    /// </summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "catch_exceptions", "include_config", "meta", "notes", "description", "rendered_content", "windows", "batch_id", "auto", "profiler_config",
    };

    /// <summary>
    /// Arguments GX 0.x expectations took that GX 1.x removed; an expectation that models one (the order
    /// expectations' <c>parse_strings_as_datetimes</c>) honours it, every other one accepts and ignores it:
    /// <c>parse_strings_as_datetimes</c> (the column's type decides here), <c>allow_cross_type_comparisons</c>
    /// (a bound of another type is reported, not compared), <c>output_strftime_format</c> (timestamps are written as ISO-8601).
    /// </summary>
    private static readonly HashSet<string> Legacy = new(StringComparer.Ordinal)
    {
        "parse_strings_as_datetimes", "allow_cross_type_comparisons", "output_strftime_format",
    };

    /// <summary>
    /// Every argument name of a built-in expectation. GX 0.x accepted (and ignored) an argument of another
    /// expectation, as real suites hold (<c>strictly</c> on <c>expect_column_values_to_not_be_null</c>), so such a
    /// name is ignored where the expectation does not take it; a name no expectation knows stays an error.
    /// </summary>
    private static readonly Lazy<HashSet<string>> KnownNames = new(() =>
        [.. ExpectationCatalog.Default.ModelTypes.SelectMany(t => PropertiesOf(t).Select(p => p.Name))]);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<KwargProperty>> Cache = new();

    /// <summary>
    /// One kwarg of an expectation type: a <see cref="KwargAttribute"/> property of the record, or of a
    /// <see cref="KwargGroupAttribute"/> property's type (<see cref="Bounds"/>), mapped at the top level.
    /// </summary>
    internal sealed record KwargProperty(string Name, PropertyInfo Property, bool Required, bool Integer, PropertyInfo? Group = null)
    {
        /// <summary>The value's type.</summary>
        public Type Type => Property.PropertyType;

        /// <summary>The kwarg's value on <paramref name="expectation"/>.</summary>
        public object? Get(object expectation) => Property.GetValue(Group is null ? expectation : Group.GetValue(expectation));

        /// <summary>Sets the kwarg on a record under construction (init-only setters, as the reader always has).</summary>
        public void Set(object expectation, object? value)
        {
            if (Group is null)
            {
                Property.SetValue(expectation, value);
                return;
            }

            var group = Group.GetValue(expectation)!; // a boxed copy of the value-type group
            Property.SetValue(group, value);
            Group.SetValue(expectation, group);
        }
    }

    public static IReadOnlyList<KwargProperty> PropertiesOf(Type type) => Cache.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttribute<KwargGroupAttribute>(inherit: true) is { } g
                ? Own(p.PropertyType).Select(k => k with { Integer = k.Integer || (g.Integer && k.Type == typeof(Scalar?)), Group = Declared(p) })
                : One(p))
            .OrderBy(k => k.Name == "column" ? 0 : 1)
            .ToArray());

    /// <summary>The kwargs <paramref name="t"/> declares or inherits with <see cref="KwargAttribute"/>.</summary>
    private static IEnumerable<KwargProperty> Own(Type t) => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).SelectMany(One);

    private static IEnumerable<KwargProperty> One(PropertyInfo p) =>
        p.GetCustomAttribute<KwargAttribute>(inherit: true) is { } a ? [new KwargProperty(a.Name, Declared(p), a.Required, a.Integer)] : [];

    private static PropertyInfo Declared(PropertyInfo p) => p.DeclaringType!.GetProperty(p.Name)!;

    public static Expectation Bind(Type type, string typeName, JsonElement kwargs, string path)
    {
        if (kwargs.ValueKind != JsonValueKind.Object)
        {
            throw new SuiteFormatException(path, $"kwargs of {typeName} must be an object, found {Describe(kwargs)}");
        }

        var instance = (Expectation)Activator.CreateInstance(type)!;
        var props = PropertiesOf(type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kw in kwargs.EnumerateObject())
        {
            var prop = props.FirstOrDefault(p => p.Name == kw.Name);
            if (prop is null)
            {
                if (IsIgnored(kw.Name))
                {
                    continue;
                }

                var known = props.Select(p => p.Name).ToArray();
                var hint = Suggest.Closest(kw.Name, known, 2, onlyClose: true);
                throw new SuiteFormatException($"{path}.{kw.Name}",
                    $"{typeName} has no argument '{kw.Name}'" + (hint.Count > 0 ? $"; did you mean {string.Join(" or ", hint.Select(h => $"'{h}'"))}?" : $"; its arguments are {string.Join(", ", known)}"));
            }

            seen.Add(kw.Name);
            try
            {
                prop.Set(instance, prop.Integer ? WholeNumber(kw.Value, prop.Type) : Convert(kw.Value, prop.Type));
            }
            catch (FormatException ex)
            {
                throw new SuiteFormatException($"{path}.{kw.Name}", $"{typeName}: {ex.Message}") { Argument = kw.Name, Problem = ex.Message };
            }
        }

        foreach (var p in props.Where(p => p.Required && !seen.Contains(p.Name)))
        {
            throw new SuiteFormatException(path, $"{typeName} requires the argument '{p.Name}'");
        }

        return instance;
    }

    /// <summary>Whether a kwarg the expectation does not take is accepted and ignored (see <see cref="Ignored"/>, <see cref="Legacy"/>, <see cref="KnownNames"/>).</summary>
    internal static bool IsIgnored(string name) => Ignored.Contains(name) || Legacy.Contains(name) || KnownNames.Value.Contains(name);

    public static void WriteKwargs(Utf8JsonWriter writer, Expectation expectation)
    {
        writer.WriteStartObject();
        foreach (var p in PropertiesOf(expectation.GetType()))
        {
            var value = p.Get(expectation);
            if (value is null or TextNormalization.None)
            {
                continue;
            }

            writer.WritePropertyName(p.Name);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static object? Convert(JsonElement e, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        if (e.ValueKind == JsonValueKind.Null)
        {
            if (underlying is not null || !target.IsValueType)
            {
                return target == typeof(Scalar?) ? null : null;
            }

            throw new FormatException($"must not be null (expected {Friendly(target)})");
        }

        var t = underlying ?? target;
        if (t == typeof(string))
        {
            return e.ValueKind == JsonValueKind.String ? e.GetString() : throw Expected("a string", e);
        }

        if (t == typeof(bool))
        {
            return e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw Expected("true or false", e);
        }

        if (t == typeof(double))
        {
            return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Expected("a number", e);
        }

        if (t == typeof(int))
        {
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : throw Expected("a whole number", e);
        }

        if (t == typeof(long))
        {
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var l) ? l : throw Expected("a whole number", e);
        }

        if (t == typeof(Scalar))
        {
            return Scalar.FromJson(e);
        }

        if (t == typeof(JsonElement))
        {
            return e.Clone();
        }

        if (t == typeof(ResultFormat))
        {
            return ReadResultFormat(e);
        }

        if (t == typeof(TextNormalization))
        {
            return ReadNormalization(e);
        }

        if (t.IsEnum)
        {
            var name = e.ValueKind == JsonValueKind.String ? e.GetString() : throw Expected("a string", e);
            foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var wire = f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name;
                if (string.Equals(wire, name, StringComparison.OrdinalIgnoreCase))
                {
                    return f.GetValue(null);
                }
            }

            throw new FormatException($"'{name}' is not one of {string.Join(", ", t.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name))}");
        }

        if (t == typeof(ValueList<Scalar>))
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw Expected("a list", e);
            }

            return ValueList.From(e.EnumerateArray().Select((x, i) => ScalarAt(x, i)));
        }

        if (t == typeof(ValueList<ValueList<Scalar>>))
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw Expected("a list of lists", e);
            }

            return ValueList.From(e.EnumerateArray().Select((x, i) => x.ValueKind == JsonValueKind.Array
                ? ValueList.From(x.EnumerateArray().Select((y, j) => ScalarAt(y, j)))
                : throw new FormatException($"item [{i}] must be a list, found {Describe(x)}")));
        }

        if (t == typeof(ValueList<string>))
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw Expected("a list of column names", e);
            }

            return ValueList.From(e.EnumerateArray().Select((x, i) => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new FormatException($"item [{i}] must be a string, found {Describe(x)}")));
        }

        throw new InvalidOperationException($"Kwarg type {t} has no JSON mapping.");
    }

    /// <summary>An integer kwarg (<see cref="KwargAttribute.Integer"/>): a whole number, a suite parameter, or null when optional.</summary>
    private static Scalar? WholeNumber(JsonElement e, Type target)
    {
        const string WholeOrParameter = "a whole number or a suite parameter ({\"$PARAMETER\": \"name\"})";
        if (e.ValueKind == JsonValueKind.Null)
        {
            return Nullable.GetUnderlyingType(target) is not null ? null : throw new FormatException($"must not be null: give {WholeOrParameter}");
        }

        var value = e.ValueKind switch
        {
            JsonValueKind.Number => Scalar.FromJson(e),
            JsonValueKind.Object when e.TryGetProperty("$PARAMETER", out _) => Scalar.FromJson(e),
            _ => throw NotWhole(e),
        };
        return value.Kind is ScalarKind.Integer or ScalarKind.Parameter ? value : throw NotWhole(e);

        static FormatException NotWhole(JsonElement e) => new($"must be {WholeOrParameter}, found {Describe(e)}");
    }

    private static Scalar ScalarAt(JsonElement x, int i)
    {
        try
        {
            return Scalar.FromJson(x);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"item [{i}]: {ex.Message}");
        }
    }

    /// <summary><c>normalize</c>: <c>true</c> (every step), <c>false</c> (none) or a non-empty list of distinct step names.</summary>
    private static TextNormalization ReadNormalization(JsonElement e)
    {
        const string Form = "true, false or a list of \"trim\", \"case\", \"whitespace\"";
        switch (e.ValueKind)
        {
            case JsonValueKind.True: return TextNormalization.All;
            case JsonValueKind.False: return TextNormalization.None;
            case JsonValueKind.Array:
                var steps = TextNormalization.None;
                var i = 0;
                foreach (var x in e.EnumerateArray())
                {
                    var step = x.ValueKind == JsonValueKind.String
                        ? TextNormalizations.Parse(x.GetString()) ?? throw new FormatException($"normalize[{i}]: '{x.GetString()}' is not a step; use \"trim\", \"case\" or \"whitespace\"")
                        : throw new FormatException($"normalize[{i}] must be a step name (\"trim\", \"case\" or \"whitespace\"), found {Describe(x)}");
                    if ((steps & step) != 0)
                    {
                        throw new FormatException($"normalize[{i}]: '{x.GetString()}' is listed twice");
                    }

                    steps |= step;
                    i++;
                }

                return i > 0 ? steps : throw new FormatException("normalize is an empty list; name at least one step, or write false");
            default:
                throw new FormatException($"normalize must be {Form}, found {Describe(e)}");
        }
    }

    private static ResultFormat ReadResultFormat(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return ResultFormat.TryParseLevel(e.GetString(), out var level) ? ResultFormat.Of(level) : throw new FormatException($"result_format '{e.GetString()}' is not BOOLEAN_ONLY, BASIC, SUMMARY or COMPLETE");
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Expected("a result_format name or object", e);
        }

        var format = ResultFormat.Default;
        var seenLevel = false;
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "result_format":
                    seenLevel = true;
                    format = format with { Level = ResultFormat.TryParseLevel(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null, out var l) ? l : throw new FormatException("result_format.result_format must be BOOLEAN_ONLY, BASIC, SUMMARY or COMPLETE") };
                    break;
                case "partial_unexpected_count":
                    format = format with { PartialUnexpectedCount = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) && n >= 0 ? n : throw new FormatException("result_format.partial_unexpected_count must be a non-negative whole number") };
                    break;
                case "unexpected_index_column_names":
                    format = format with { UnexpectedIndexColumnNames = ColumnNames(p.Value) };
                    break;
                case "include_unexpected_rows":
                    format = format with { IncludeUnexpectedRows = Flag(p) };
                    break;
                case "exclude_unexpected_values":
                    format = format with { ExcludeUnexpectedValues = Flag(p) };
                    break;
                case "return_unexpected_index_query":
                    format = format with { ReturnUnexpectedIndexQuery = Flag(p) };
                    break;
                case "map_expectation_unexpected_rows_as_dict":
                    // GX's internal switch for the shape of unexpected_rows; rows are always objects here.
                    _ = Flag(p);
                    break;
                default:
                    var known = new[] { "result_format", "partial_unexpected_count", "unexpected_index_column_names", "include_unexpected_rows", "exclude_unexpected_values", "return_unexpected_index_query" };
                    var hint = Suggest.Closest(p.Name, known, 1, onlyClose: true);
                    throw new FormatException($"result_format has no option '{p.Name}'" + (hint.Count > 0 ? $"; did you mean '{hint[0]}'?" : $"; its options are {string.Join(", ", known)}"));
            }
        }

        if (!seenLevel)
        {
            // GX 1.x rejects the object form without its level: "the key 'result_format' must be present".
            throw new FormatException("a result_format object must name its level in 'result_format' (BOOLEAN_ONLY, BASIC, SUMMARY or COMPLETE)");
        }

        return format;
    }

    private static void Write(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case double d: ScalarFormatting.WriteDouble(w, d); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case Scalar s: s.WriteTo(w); break;
            case JsonElement j: j.WriteTo(w); break;
            case ResultFormat f when !f.HasOptions: w.WriteStringValue(f.LevelName); break;
            case ResultFormat f: WriteResultFormat(w, f); break;
            case ValueList<Scalar> list:
                w.WriteStartArray();
                foreach (var s in list)
                {
                    s.WriteTo(w);
                }

                w.WriteEndArray();
                break;
            case ValueList<ValueList<Scalar>> lists:
                w.WriteStartArray();
                foreach (var list in lists)
                {
                    Write(w, list);
                }

                w.WriteEndArray();
                break;
            case ValueList<string> names:
                w.WriteStartArray();
                foreach (var n in names)
                {
                    w.WriteStringValue(n);
                }

                w.WriteEndArray();
                break;
            case TextNormalization n when n == TextNormalization.All: w.WriteBooleanValue(true); break;
            case TextNormalization n:
                w.WriteStartArray();
                foreach (var name in TextNormalizations.Names(n))
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                break;
            case Enum e:
                var field = e.GetType().GetField(e.ToString())!;
                w.WriteStringValue(field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? e.ToString());
                break;
            default: throw new InvalidOperationException($"Kwarg value of type {value.GetType()} has no JSON mapping.");
        }
    }

    /// <summary>The object form of a result format: the level, then only the options that differ from GX's defaults.</summary>
    private static void WriteResultFormat(Utf8JsonWriter w, ResultFormat f)
    {
        w.WriteStartObject();
        w.WriteString("result_format", f.LevelName);
        if (f.PartialUnexpectedCount != ResultFormat.Default.PartialUnexpectedCount)
        {
            w.WriteNumber("partial_unexpected_count", f.PartialUnexpectedCount);
        }

        if (f.UnexpectedIndexColumnNames.Count > 0)
        {
            w.WriteStartArray("unexpected_index_column_names");
            foreach (var name in f.UnexpectedIndexColumnNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
        }

        if (f.IncludeUnexpectedRows)
        {
            w.WriteBoolean("include_unexpected_rows", true);
        }

        if (f.ExcludeUnexpectedValues)
        {
            w.WriteBoolean("exclude_unexpected_values", true);
        }

        if (!f.ReturnUnexpectedIndexQuery)
        {
            w.WriteBoolean("return_unexpected_index_query", false);
        }

        w.WriteEndObject();
    }

    private static bool Flag(JsonProperty p) => p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? p.Value.GetBoolean()
        : throw new FormatException($"result_format.{p.Name} must be true or false, found {Describe(p.Value)}");

    /// <summary>GX accepts one column name or a list of them.</summary>
    private static ValueList<string> ColumnNames(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when e.GetString() is { Length: > 0 } one => [one],
        JsonValueKind.Array => ValueList.From(e.EnumerateArray().Select((x, i) => x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } name
            ? name
            : throw new FormatException($"result_format.unexpected_index_column_names[{i}] must be a column name, found {Describe(x)}"))),
        _ => throw new FormatException($"result_format.unexpected_index_column_names must be a list of column names, found {Describe(e)}"),
    };

    private static FormatException Expected(string what, JsonElement e) => new($"expected {what}, found {Describe(e)}");

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string {JsonStrings.Quote(e.GetString())}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private static string Friendly(Type t) => t.Name;
}
