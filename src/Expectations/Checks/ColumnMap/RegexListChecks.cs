using System.Runtime.Serialization;
using Expectations.Checks;
using Expectations.Data;
using Expectations.Engine.ColumnMap;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Checks
{
    /// <summary>How a value must relate to a list of patterns (GX's <c>match_on</c>).</summary>
    public enum MatchOn
    {
        /// <summary>A value passes when at least one pattern matches it (the default).</summary>
        [EnumMember(Value = "any")]
        Any,

        /// <summary>A value passes only when every pattern matches it.</summary>
        [EnumMember(Value = "all")]
        All,
    }

    /// <summary>
    /// GX <c>expect_column_values_to_match_regex_list</c>: each non-null string contains a match of any (or, with
    /// <see cref="MatchOn"/> <c>all</c>, every) pattern of <see cref="RegexList"/> (Python <c>re.search</c> semantics).
    /// Example: <c>regex_list = ["^\d+$", "^n/a$"]</c> accepts <c>"42"</c> and <c>"n/a"</c>.
    /// </summary>
    public sealed record ColumnValuesToMatchRegexList : ColumnMapExpectation
    {
        /// <summary>The wire name.</summary>
        public const string TypeName = "expect_column_values_to_match_regex_list";

        /// <inheritdoc />
        public override string Type => TypeName;

        /// <summary>The patterns in Python <c>re</c> syntax; at least one.</summary>
        [Kwarg("regex_list", Required = true)]
        public ValueList<string> RegexList { get; init; }

        /// <summary>Whether any pattern (default) or all patterns must match.</summary>
        [Kwarg("match_on")]
        public MatchOn MatchOn { get; init; } = MatchOn.Any;

        /// <inheritdoc />
        protected override void CheckArguments(ArgumentErrors errors)
        {
            base.CheckArguments(errors);
            RegexList.CheckPatterns(errors, "regex_list");
        }
    }

    /// <summary>
    /// GX <c>expect_column_values_to_not_match_regex_list</c>: no non-null string contains a match of any pattern of
    /// <see cref="RegexList"/>. Example: <c>regex_list = ["\s", "[a-z]"]</c> rejects <c>"a1"</c> and <c>"1 2"</c>.
    /// </summary>
    public sealed record ColumnValuesToNotMatchRegexList : ColumnMapExpectation
    {
        /// <summary>The wire name.</summary>
        public const string TypeName = "expect_column_values_to_not_match_regex_list";

        /// <inheritdoc />
        public override string Type => TypeName;

        /// <summary>The forbidden patterns in Python <c>re</c> syntax; at least one.</summary>
        [Kwarg("regex_list", Required = true)]
        public ValueList<string> RegexList { get; init; }

        /// <inheritdoc />
        protected override void CheckArguments(ArgumentErrors errors)
        {
            base.CheckArguments(errors);
            RegexList.CheckPatterns(errors, "regex_list");
        }
    }

    internal static class RegexListArguments
    {
        public static void CheckPatterns(this ValueList<string> patterns, ArgumentErrors errors, string argument)
        {
            if (patterns.Count == 0)
            {
                errors.Add(argument, "must hold at least one pattern");
            }

            for (var i = 0; i < patterns.Count; i++)
            {
                PythonRegex.Check(patterns[i], errors, $"{argument}[{i}]");
            }
        }
    }

    internal sealed class MatchRegexListEvaluator(ColumnValuesToMatchRegexList e) : ColumnMapEvaluator<ColumnValuesToMatchRegexList>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column) =>
            column.Kind == DataKind.String
                ? new PatternListCheck([.. Spec.RegexList.Select(PythonRegex.Create)], Spec.RegexList, Spec.MatchOn == MatchOn.All ? PatternListRule.MatchAll : PatternListRule.MatchAny)
                : throw Unsupported(column, "the column is not text");
    }

    internal sealed class NotMatchRegexListEvaluator(ColumnValuesToNotMatchRegexList e) : ColumnMapEvaluator<ColumnValuesToNotMatchRegexList>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column) =>
            column.Kind == DataKind.String
                ? new PatternListCheck([.. Spec.RegexList.Select(PythonRegex.Create)], Spec.RegexList, PatternListRule.MatchNone)
                : throw Unsupported(column, "the column is not text");
    }

    /// <summary>When a value passes a list of patterns.</summary>
    internal enum PatternListRule
    {
        /// <summary>At least one pattern matches.</summary>
        MatchAny,

        /// <summary>Every pattern matches.</summary>
        MatchAll,

        /// <summary>No pattern matches.</summary>
        MatchNone,
    }

    /// <summary>
    /// Rows judged against several compiled patterns (regexes or translated LIKE patterns). Equality is by the
    /// source patterns (<paramref name="Key"/>), so equal checks are computed once.
    /// </summary>
    internal sealed record PatternListCheck(DotNetRegex[] Regexes, ValueList<string> Key, PatternListRule Rule) : TextRowCheck
    {
        protected override bool IsUnexpectedText(ReadOnlySpan<char> text)
        {
            switch (Rule)
            {
                case PatternListRule.MatchAll:
                    foreach (var r in Regexes)
                    {
                        if (!r.IsMatch(text))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    foreach (var r in Regexes)
                    {
                        if (r.IsMatch(text))
                        {
                            // A match passes "any" and fails "none".
                            return Rule == PatternListRule.MatchNone;
                        }
                    }

                    return Rule == PatternListRule.MatchAny;
            }
        }

        protected override string Describe() => $"list [{string.Join(", ", Key.Select(k => $"'{k}'"))}]";

        public bool Equals(PatternListCheck? other) => other is not null && Key == other.Key && Rule == other.Rule;

        public override int GetHashCode() => HashCode.Combine(Key, Rule);
    }
}

namespace Expectations
{
    /// <summary>Pattern-list verbs.</summary>
    public static partial class ColumnVerbs
    {
        /// <summary>Every value contains a match of any (or, with <paramref name="matchOn"/> = All, every) pattern (GX <c>expect_column_values_to_match_regex_list</c>).</summary>
        public static ColumnRules<string> MatchesRegexList(this ColumnRules<string> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
            c.Add(new ColumnValuesToMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns), MatchOn = matchOn });

        /// <summary>Every value contains a match of any (or every) pattern (GX <c>expect_column_values_to_match_regex_list</c>); the column must hold text.</summary>
        public static ColumnRules<Scalar> MatchesRegexList(this ColumnRules<Scalar> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
            c.Add(new ColumnValuesToMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns), MatchOn = matchOn });

        /// <summary>No value contains a match of any of <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_regex_list</c>).</summary>
        public static ColumnRules<string> NotMatchesRegexList(this ColumnRules<string> c, params IEnumerable<string> patterns) =>
            c.Add(new ColumnValuesToNotMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns) });

        /// <summary>No value contains a match of any of <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_regex_list</c>); the column must hold text.</summary>
        public static ColumnRules<Scalar> NotMatchesRegexList(this ColumnRules<Scalar> c, params IEnumerable<string> patterns) =>
            c.Add(new ColumnValuesToNotMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns) });
    }
}
