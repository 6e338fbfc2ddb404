using System.Globalization;
using System.Text;
using Expectations.Engine.Conditions;
using Expectations.Model;

namespace Expectations;

/// <summary>A comparison operator of a row condition (<see cref="RowCondition.Compare"/>).</summary>
public enum ConditionOperator
{
    /// <summary><c>==</c> (or SQL's <c>=</c>).</summary>
    Equal,
    /// <summary><c>!=</c> (or SQL's <c>&lt;&gt;</c>).</summary>
    NotEqual,
    /// <summary><c>&lt;</c>.</summary>
    Less,
    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,
    /// <summary><c>&gt;</c>.</summary>
    Greater,
    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,
}

/// <summary>
/// A parsed <c>row_condition</c>: comparisons of a column with a literal, combined with and / or / not. Typed and
/// serializable; evaluated column-at-a-time by <see cref="ConditionFilter"/>, never through reflection. Public so
/// that other backends (SQL) translate the same tree the in-memory engine evaluates (<c>BackendWork.Conditions</c>).
/// Pandas semantics: a comparison with a null value is false, except <c>!=</c>, which is true; <c>col == None</c>
/// selects nulls and <c>col != None</c> the others.
/// </summary>
public abstract record RowCondition
{
    /// <summary>Columns the condition reads.</summary>
    public abstract IEnumerable<string> Columns { get; }

    /// <summary>How deeply parentheses may nest in a row condition (docs/limits.md): deeper text is refused, so parsing and evaluating never exhaust the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Parses a GX row condition. Both GX syntaxes are accepted: <c>great_expectations</c>
    /// (<c>col("a") &gt; 5 &amp; col("b") == "x"</c>) and <c>pandas</c> (<c>a &gt; 5 &amp; b == "x"</c>, <c>and</c>/<c>or</c>/<c>not</c>).
    /// Chains of <c>&amp;</c> and <c>|</c> become one n-ary <see cref="And"/> / <see cref="Or"/> (evaluated flat), a run of
    /// negations one <see cref="Not"/> or none, and parentheses may nest <see cref="MaxDepth"/> levels.
    /// </summary>
    /// <exception cref="FormatException">Says what is wrong and at which position.</exception>
    public static RowCondition Parse(string text) => new Parser(text).ParseAll();

    /// <summary>A comparison of a column with a literal.</summary>
    /// <param name="Column">The column.</param>
    /// <param name="Op">The operator.</param>
    /// <param name="Value">The literal (null for <c>None</c>).</param>
    public sealed record Compare(string Column, ConditionOperator Op, Scalar Value) : RowCondition
    {
        /// <inheritdoc />
        public override IEnumerable<string> Columns => [Column];
    }

    /// <summary>All terms hold (two or more; none of them an <see cref="And"/>).</summary>
    /// <param name="Terms">The terms.</param>
    public sealed record And(ValueList<RowCondition> Terms) : RowCondition
    {
        /// <summary>All of <paramref name="terms"/>, nested <see cref="And"/>s flattened.</summary>
        /// <param name="terms">The terms.</param>
        public And(params RowCondition[] terms)
            : this(Flatten<And>(terms, a => a.Terms))
        {
        }

        /// <inheritdoc />
        public override IEnumerable<string> Columns => Terms.SelectMany(t => t.Columns);
    }

    /// <summary>Some term holds (two or more; none of them an <see cref="Or"/>).</summary>
    /// <param name="Terms">The terms.</param>
    public sealed record Or(ValueList<RowCondition> Terms) : RowCondition
    {
        /// <summary>Any of <paramref name="terms"/>, nested <see cref="Or"/>s flattened.</summary>
        /// <param name="terms">The terms.</param>
        public Or(params RowCondition[] terms)
            : this(Flatten<Or>(terms, o => o.Terms))
        {
        }

        /// <inheritdoc />
        public override IEnumerable<string> Columns => Terms.SelectMany(t => t.Columns);
    }

    /// <summary>The negation of <paramref name="Inner"/>.</summary>
    /// <param name="Inner">The negated condition.</param>
    public sealed record Not(RowCondition Inner) : RowCondition
    {
        /// <inheritdoc />
        public override IEnumerable<string> Columns => Inner.Columns;
    }

    /// <summary>The negation of <paramref name="condition"/>: <c>~~x</c> is <c>x</c> (a mask holds only true and false: nulls already compared).</summary>
    internal static RowCondition Negate(RowCondition condition) => condition is Not n ? n.Inner : new Not(condition);

    private static ValueList<RowCondition> Flatten<T>(IEnumerable<RowCondition> terms, Func<T, ValueList<RowCondition>> inner) where T : RowCondition =>
        ValueList.From(terms.SelectMany(t => t is T same ? inner(same) : [t]));

    /// <summary>The condition's text for messages: a long one is cut, so that an error stays readable.</summary>
    internal static string Excerpt(string text) => text.Length <= 120 ? text : $"{text[..100]}… ({text.Length:N0} characters)";

    private sealed class Parser(string text)
    {
        private int _pos;

        private int _depth;

        public RowCondition ParseAll()
        {
            var c = ParseOr();
            SkipSpace();
            return _pos == text.Length ? c : throw Error($"unexpected '{Excerpt(text[_pos..])}'");
        }

        private RowCondition ParseOr()
        {
            var first = ParseAnd();
            if (!AcceptOr())
            {
                return first;
            }

            var terms = new List<RowCondition> { first };
            do
            {
                terms.Add(ParseAnd());
            }
            while (AcceptOr());
            return new Or(terms.ToArray());
        }

        private bool AcceptOr() => AcceptSymbol("|") || AcceptWord("or") || AcceptWord("OR");

        private RowCondition ParseAnd()
        {
            var first = ParseNot();
            if (!AcceptAnd())
            {
                return first;
            }

            var terms = new List<RowCondition> { first };
            do
            {
                terms.Add(ParseNot());
            }
            while (AcceptAnd());
            return new And(terms.ToArray());
        }

        private bool AcceptAnd() => AcceptSymbol("&") || AcceptWord("and") || AcceptWord("AND");

        private RowCondition ParseNot()
        {
            // A run of negations is counted, not recursed into: ~~~x is ~x however long the run.
            var negated = false;
            while (AcceptSymbol("~") || AcceptWord("not") || AcceptWord("NOT"))
            {
                negated = !negated;
            }

            var operand = ParseOperand();
            return negated ? Negate(operand) : operand;
        }

        private RowCondition ParseOperand()
        {
            SkipSpace();
            if (!AcceptSymbol("("))
            {
                return ParseComparison();
            }

            if (++_depth > MaxDepth)
            {
                _pos--;
                throw Error($"parentheses nest deeper than {MaxDepth} levels");
            }

            var inner = ParseOr();
            _depth--;
            return AcceptSymbol(")") ? inner : throw Error("expected ')'");
        }

        private RowCondition ParseComparison()
        {
            var column = ParseColumn();
            SkipSpace();
            ConditionOperator op =
                AcceptSymbol("==") ? ConditionOperator.Equal
                : AcceptSymbol("!=") ? ConditionOperator.NotEqual
                : AcceptSymbol("<>") ? ConditionOperator.NotEqual
                : AcceptSymbol("=") ? ConditionOperator.Equal
                : AcceptSymbol("<=") ? ConditionOperator.LessOrEqual
                : AcceptSymbol(">=") ? ConditionOperator.GreaterOrEqual
                : AcceptSymbol("<") ? ConditionOperator.Less
                : AcceptSymbol(">") ? ConditionOperator.Greater
                : throw Error("expected a comparison (==, !=, <, <=, >, >=; SQL's = and <> too)");
            return new Compare(column, op, ParseLiteral());
        }

        private string ParseColumn()
        {
            SkipSpace();
            if (AcceptWord("col"))
            {
                if (!AcceptSymbol("("))
                {
                    throw Error("expected '(' after col");
                }

                SkipSpace();
                var name = ParseString() ?? throw Error("expected a quoted column name in col(...)");
                return AcceptSymbol(")") ? name : throw Error("expected ')'");
            }

            if (Peek() == '`')
            {
                var end = text.IndexOf('`', _pos + 1);
                if (end < 0)
                {
                    throw Error("unterminated `column name`");
                }

                var quoted = text[(_pos + 1)..end];
                _pos = end + 1;
                return quoted;
            }

            var id = Identifier();
            return id.Length > 0 ? id : throw Error("expected a column name");
        }

        private Scalar ParseLiteral()
        {
            SkipSpace();
            if (ParseString() is { } s)
            {
                return Scalar.From(s);
            }

            var start = _pos;
            if (Peek() is '-' or '+')
            {
                _pos++;
            }

            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] is '.' or 'e' or 'E' || (text[_pos] is '-' or '+' && text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            if (_pos > start)
            {
                var number = text[start.._pos];
                return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Scalar.From(l)
                    : ExactNumbers.TryParseInteger(number, out var exact) ? Scalar.From(exact)
                    : double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Scalar.From(d)
                    : throw Error($"'{number}' is not a number");
            }

            var word = Identifier();
            return word switch
            {
                "True" or "true" => Scalar.From(true),
                "False" or "false" => Scalar.From(false),
                "None" or "null" or "NULL" => Scalar.Null,
                _ => throw Error("expected a number, a quoted string, True, False or None"),
            };
        }

        private string? ParseString()
        {
            var quote = Peek();
            if (quote is not ('"' or '\''))
            {
                return null;
            }

            var sb = new StringBuilder();
            _pos++;
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }

            if (_pos >= text.Length)
            {
                throw Error("unterminated string");
            }

            _pos++;
            return sb.ToString();
        }

        private string Identifier()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_'))
            {
                _pos++;
            }

            return text[start.._pos];
        }

        private bool AcceptWord(string word)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) == 0
                && (_pos + word.Length == text.Length || !(char.IsLetterOrDigit(text[_pos + word.Length]) || text[_pos + word.Length] == '_')))
            {
                _pos += word.Length;
                return true;
            }

            return false;
        }

        private bool AcceptSymbol(string symbol)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, symbol, 0, symbol.Length) == 0)
            {
                _pos += symbol.Length;
                return true;
            }

            return false;
        }

        private char Peek()
        {
            SkipSpace();
            return _pos < text.Length ? text[_pos] : '\0';
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private FormatException Error(string message) => new($"{message} at position {_pos + 1} of \"{Excerpt(text)}\"");
    }
}
