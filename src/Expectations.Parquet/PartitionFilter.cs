using System.Text;

namespace Expectations.Parquet;

/// <summary>
/// A condition on partition columns that selects which files are read, before any is opened:
/// <c>date&gt;=2024-06-01</c>, <c>region in (eu, us)</c>, <c>region != 'us', hour &lt; 12</c>. Operators are
/// <c>= != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>, <c>in (…)</c>, <c>not in (…)</c>, <c>is null</c> and <c>is not null</c>;
/// several conditions joined by commas or <c>and</c> must all hold. Values compare as the partition column's type
/// (a DATE column compares dates, a BIGINT column numbers); quotes (<c>'…'</c> or <c>"…"</c>) are optional around a
/// value without commas, parentheses or surrounding spaces. As in SQL, a null partition value passes only <c>is null</c>.
/// </summary>
public sealed class PartitionFilter
{
    private readonly Condition[] _conditions;

    private PartitionFilter(string text, Condition[] conditions)
    {
        Text = text;
        _conditions = conditions;
    }

    /// <summary>The filter as written.</summary>
    public string Text { get; }

    /// <summary>The partition columns the filter names, in order of first use.</summary>
    public IReadOnlyList<string> Columns => [.. _conditions.Select(c => c.Column).Distinct(StringComparer.Ordinal)];

    /// <summary>Parses a filter.</summary>
    /// <param name="text">For example <c>date&gt;=2024-06-01</c> or <c>date = 2024-06-01 and region in ('eu', 'us')</c>.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="FormatException">The text is not a filter; the message says what is wrong and at which character.</exception>
    public static PartitionFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var conditions = parser.ParseAll();
        return new PartitionFilter(text, [.. conditions]);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Whether a file with these partition values passes; a value that does not fit a column's type is an error naming the filter.</summary>
    internal bool Matches(IReadOnlyDictionary<string, PartitionColumn> columns, IReadOnlyDictionary<string, PartitionValue> values, string where)
    {
        foreach (var condition in _conditions)
        {
            if (!columns.TryGetValue(condition.Column, out var column))
            {
                throw new DataSourceException(
                    $"Partition filter '{Text}' names '{condition.Column}', which is not a partition column of '{where}'; its partition columns are {(columns.Count == 0 ? "none" : string.Join(", ", columns.Keys.Select(k => $"'{k}'")))}.");
            }

            var value = values.GetValueOrDefault(condition.Column, PartitionValue.Null);
            if (!condition.Holds(column, value, this))
            {
                return false;
            }
        }

        return true;
    }

    private enum Op
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        In,
        NotIn,
        IsNull,
        IsNotNull,
    }

    private sealed record Condition(string Column, Op Op, string[] Values)
    {
        public bool Holds(PartitionColumn column, PartitionValue value, PartitionFilter filter)
        {
            switch (Op)
            {
                case Op.IsNull:
                    return value.IsNull;
                case Op.IsNotNull:
                    return !value.IsNull;
            }

            var literals = Values.Select(v => column.TryParse(v, out var parsed) && !parsed.IsNull ? parsed : throw new DataSourceException(
                $"Partition filter '{filter.Text}': '{v}' is not a {column.TypeName} value, and partition column '{column.Name}' is {column.TypeName}.")).ToArray();
            if (value.IsNull)
            {
                return false;
            }

            var c = column.Compare(value, literals[0]);
            return Op switch
            {
                Op.Equal => c == 0,
                Op.NotEqual => c != 0,
                Op.Less => c < 0,
                Op.LessOrEqual => c <= 0,
                Op.Greater => c > 0,
                Op.GreaterOrEqual => c >= 0,
                Op.In => literals.Any(l => column.Compare(value, l) == 0),
                _ => literals.All(l => column.Compare(value, l) != 0),
            };
        }
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public List<Condition> ParseAll()
        {
            var result = new List<Condition>();
            SkipSpaces();
            if (_at >= text.Length)
            {
                throw Error("is empty; write a condition such as date>=2024-06-01");
            }

            while (true)
            {
                result.Add(ParseCondition());
                SkipSpaces();
                if (_at >= text.Length)
                {
                    return result;
                }

                if (text[_at] == ',')
                {
                    _at++;
                }
                else if (Keyword("and"))
                {
                }
                else
                {
                    throw Error($"has '{Rest()}' where a comma or 'and' between conditions was expected");
                }

                SkipSpaces();
            }
        }

        private Condition ParseCondition()
        {
            SkipSpaces();
            var column = Identifier();
            SkipSpaces();
            if (Keyword("is"))
            {
                SkipSpaces();
                var not = Keyword("not");
                SkipSpaces();
                if (!Keyword("null"))
                {
                    throw Error($"has 'is' after '{column}' without 'null' or 'not null'");
                }

                return new Condition(column, not ? Op.IsNotNull : Op.IsNull, []);
            }

            if (Keyword("not"))
            {
                SkipSpaces();
                return Keyword("in") ? new Condition(column, Op.NotIn, List()) : throw Error($"has 'not' after '{column}' without 'in'");
            }

            if (Keyword("in"))
            {
                return new Condition(column, Op.In, List());
            }

            var op = Operator(column);
            SkipSpaces();
            return new Condition(column, op, [Value()]);
        }

        private string[] List()
        {
            SkipSpaces();
            if (_at >= text.Length || text[_at] != '(')
            {
                throw Error("has 'in' without a parenthesised list of values, such as in (eu, us)");
            }

            _at++;
            var values = new List<string>();
            while (true)
            {
                SkipSpaces();
                values.Add(Value());
                SkipSpaces();
                if (_at < text.Length && text[_at] == ',')
                {
                    _at++;
                    continue;
                }

                if (_at < text.Length && text[_at] == ')')
                {
                    _at++;
                    return [.. values];
                }

                throw Error("has an 'in' list that is not closed with ')'");
            }
        }

        private Op Operator(string column)
        {
            string[] ops = ["==", "!=", "<>", "<=", ">=", "=", "<", ">"];
            foreach (var op in ops)
            {
                if (string.CompareOrdinal(text, _at, op, 0, op.Length) == 0)
                {
                    _at += op.Length;
                    return op switch
                    {
                        "==" or "=" => Op.Equal,
                        "!=" or "<>" => Op.NotEqual,
                        "<=" => Op.LessOrEqual,
                        ">=" => Op.GreaterOrEqual,
                        "<" => Op.Less,
                        _ => Op.Greater,
                    };
                }
            }

            throw Error($"has no operator after '{column}' (one of = != < <= > >= in, not in, is null)");
        }

        private string Identifier()
        {
            if (_at < text.Length && text[_at] is '"' or '`')
            {
                return Quoted(text[_at]);
            }

            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Error("does not start a condition with a partition column name");
        }

        private string Value()
        {
            if (_at < text.Length && text[_at] is '\'' or '"')
            {
                return Quoted(text[_at]);
            }

            var start = _at;
            while (_at < text.Length && text[_at] is not (',' or ')' or '('))
            {
                if (char.IsWhiteSpace(text[_at]) && IsAndAhead())
                {
                    break;
                }

                _at++;
            }

            var value = text[start.._at].Trim();
            return value.Length > 0 ? value : throw Error("has a condition without a value");
        }

        private bool IsAndAhead()
        {
            var i = _at;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i + 3 <= text.Length && string.Compare(text, i, "and", 0, 3, StringComparison.OrdinalIgnoreCase) == 0
                && (i + 3 == text.Length || char.IsWhiteSpace(text[i + 3]));
        }

        private string Quoted(char quote)
        {
            var open = _at++;
            var builder = new StringBuilder();
            while (_at < text.Length)
            {
                if (text[_at] == quote)
                {
                    if (_at + 1 < text.Length && text[_at + 1] == quote)
                    {
                        builder.Append(quote);
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return builder.ToString();
                }

                builder.Append(text[_at++]);
            }

            _at = open;
            throw Error($"has a quote ({quote}) that is never closed");
        }

        private bool Keyword(string word)
        {
            if (_at + word.Length <= text.Length && string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (_at + word.Length == text.Length || !char.IsLetterOrDigit(text[_at + word.Length]) && text[_at + word.Length] != '_'))
            {
                _at += word.Length;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private string Rest() => text[_at..];

        private FormatException Error(string what) => new($"Partition filter '{text}' {what} (at character {_at + 1}).");
    }
}
