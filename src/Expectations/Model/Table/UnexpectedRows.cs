using System.Text.RegularExpressions;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>unexpected_rows_expectation</c>: no row matches <see cref="UnexpectedRowsQuery"/>. GX runs the query as SQL;
/// in memory the query must have the form <c>SELECT * FROM {batch} WHERE condition</c>, where the condition uses
/// comparisons of columns with literals joined by AND / OR / NOT (SQL's <c>=</c> and <c>&lt;&gt;</c> included), e.g.
/// <c>SELECT * FROM {batch} WHERE amount &lt; 0 OR currency = 'XXX'</c>. Other SQL is an argument error that says so.
/// </summary>
public sealed partial record UnexpectedRowsExpectation : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "unexpected_rows_expectation";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The query selecting unexpected rows: <c>SELECT * FROM {batch} WHERE ...</c>.</summary>
    [Kwarg("unexpected_rows_query", Required = true)]
    public string UnexpectedRowsQuery { get; init; } = "";

    /// <summary>The WHERE condition of <see cref="UnexpectedRowsQuery"/>, parsed; throws <see cref="FormatException"/> when the query has another shape.</summary>
    internal RowCondition ParseCondition()
    {
        var match = QueryShape().Match(UnexpectedRowsQuery);
        return match.Success
            ? Expectations.RowCondition.Parse(match.Groups["where"].Value)
            : throw new FormatException("in memory the query must be SELECT * FROM {batch} WHERE <condition>");
    }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        try
        {
            ParseCondition();
        }
        catch (FormatException ex)
        {
            errors.Add("unexpected_rows_query", ex.Message);
        }
    }

    [GeneratedRegex(@"^\s*SELECT\s+\*\s+FROM\s+\{batch\}\s+WHERE\s+(?<where>.+?)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex QueryShape();
}
