using System.Globalization;
using System.Text;

namespace Expectations.Sql;

/// <summary>
/// A piece of SQL text with its bound values: values never enter the text, they are placeholders numbered when the
/// query is rendered (<see cref="SqlDialect.ParameterMarker"/>). Fragments concatenate, so a fused query is built from
/// the fragments of many expectations and each value keeps its place.
/// </summary>
internal sealed class SqlFragment
{
    /// <summary>Stands for one value in <see cref="Text"/>; identifiers containing it are refused (<see cref="SqlDialect.Quote"/>).</summary>
    internal const char Slot = '\u0001';

    private SqlFragment(string text, IReadOnlyList<object?> values)
    {
        Text = text;
        Values = values;
    }

    public string Text { get; }

    public IReadOnlyList<object?> Values { get; }

    public static SqlFragment Raw(string text) => new(text, []);

    /// <summary>The fragment this one negates (<see cref="Not"/>), or null.</summary>
    private SqlFragment? NegationOf { get; init; }

    /// <summary>
    /// <c>(NOT inner)</c>, or the fragment <paramref name="inner"/> negates when it is itself a negation: equal in SQL's
    /// three-valued logic, and a ClickHouse cluster's shards rewrite <c>not(not(x))</c> to <c>x</c>, which breaks their
    /// merge of aggregate columns named after the expression.
    /// </summary>
    public static SqlFragment Not(SqlFragment inner) => inner.NegationOf ?? new("(NOT " + inner.Text + ")", inner.Values) { NegationOf = inner };

    public static SqlFragment Value(object? value) => new(Slot.ToString(), [value]);

    public static SqlFragment operator +(SqlFragment a, SqlFragment b) => new(a.Text + b.Text, [.. a.Values, .. b.Values]);

    public static SqlFragment operator +(SqlFragment a, string b) => new(a.Text + b, a.Values);

    public static SqlFragment operator +(string a, SqlFragment b) => new(a + b.Text, b.Values);

    /// <summary>The same values in the text <paramref name="wrap"/> makes of this text (which must hold it once).</summary>
    public SqlFragment Map(Func<string, string> wrap) => new(wrap(Text), Values);

    /// <summary>Joins <paramref name="parts"/> with <paramref name="separator"/>.</summary>
    public static SqlFragment Join(string separator, IEnumerable<SqlFragment> parts)
    {
        var text = new StringBuilder();
        var values = new List<object?>();
        var first = true;
        foreach (var p in parts)
        {
            if (!first)
            {
                text.Append(separator);
            }

            first = false;
            text.Append(p.Text);
            values.AddRange(p.Values);
        }

        return new(text.ToString(), values);
    }

    /// <summary>A key equal for equal fragments (text and typed values): metrics with the same key are computed once.</summary>
    public string Key
    {
        get
        {
            var b = new StringBuilder(Text);
            foreach (var v in Values)
            {
                b.Append('\u0002').Append(v?.GetType().Name).Append(':').Append(Convert.ToString(v, CultureInfo.InvariantCulture));
            }

            return b.ToString();
        }
    }

    /// <summary>
    /// The text with each slot replaced by the dialect's marker, numbering from <paramref name="first"/>, or by the value's
    /// escaped literal when the dialect inlines values (<see cref="SqlDialect.InlinesValues"/>).
    /// </summary>
    public string Render(SqlDialect dialect, int first = 0)
    {
        var b = new StringBuilder(Text.Length + (Values.Count * 4));
        var n = first;
        foreach (var c in Text)
        {
            if (c == Slot)
            {
                b.Append(dialect.InlinesValues ? dialect.Literal(Values[n - first]) : dialect.ParameterMarker(n));
                n++;
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    public override string ToString() => Text.Replace(Slot, '?');
}
