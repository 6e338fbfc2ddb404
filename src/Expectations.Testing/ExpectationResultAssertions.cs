using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace Expectations.Testing;

/// <summary>
/// FluentAssertions for one <see cref="ExpectationResult"/>, typically the one <c>HaveFailed(...).Which</c> picked:
/// <c>report.Should().HaveFailed("amount").Which.Should().HaveUnexpectedCount(9)</c>.
/// </summary>
/// <remarks>
/// Failure messages name the result by its expectation ("Expected the result of expect_column_values_to_be_between
/// [amount] to ..."), not by the caller's expression: FluentAssertions 7 names the subject of a chained assertion after
/// the first <c>Should()</c> of the statement, so <c>report.Should().HaveFailed("amount").Which.Result.UnexpectedCount.Should().Be(9)</c>
/// reports "Expected report to be 9L" about what is really the result's count.
/// </remarks>
public sealed class ExpectationResultAssertions : ReferenceTypeAssertions<ExpectationResult, ExpectationResultAssertions>
{
    /// <summary>Creates the assertions for <paramref name="result"/>.</summary>
    /// <param name="result">The result under test.</param>
    public ExpectationResultAssertions(ExpectationResult result) : base(result)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "result";

    /// <summary>Asserts that the result counted exactly <paramref name="expected"/> unexpected values (<c>unexpected_count</c>).</summary>
    /// <param name="expected">The number of unexpected values.</param>
    /// <param name="because">Why (FluentAssertions' reason phrase).</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ExpectationResultAssertions> HaveUnexpectedCount(long expected, string because = "", params object[] becauseArgs)
    {
        if (HasResult(because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject.Result.UnexpectedCount == expected)
                .FailWith(
                    "Expected the result of " + Name() + " to have " + expected.ToString("N0", CultureInfo.InvariantCulture) + " unexpected value(s){reason}, but "
                    + FailureList.Escape(Subject.Result.UnexpectedCount is null
                        ? "it counts no unexpected values (" + FailureText.Summary(Subject) + ")."
                        : "found " + FailureText.Summary(Subject) + "."));
        }

        return new AndConstraint<ExpectationResultAssertions>(this);
    }

    /// <summary>
    /// Asserts that <paramref name="value"/> is among the unexpected values the result lists (<c>partial_unexpected_list</c>,
    /// or <c>unexpected_list</c> with result format COMPLETE). Values compare as JSON: <c>"unknown"</c>, <c>50000</c>, <c>true</c>.
    /// </summary>
    /// <param name="value">The value (a string, number, boolean or null).</param>
    /// <param name="because">Why (FluentAssertions' reason phrase).</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ExpectationResultAssertions> HaveUnexpectedValue(object? value, string because = "", params object[] becauseArgs)
    {
        if (HasResult(because, becauseArgs))
        {
            var wanted = JsonSerializer.SerializeToElement(value);
            var listed = (IEnumerable<JsonElement>?)Subject.Result.UnexpectedList ?? Subject.Result.PartialUnexpectedList ?? [];
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(listed.Any(v => JsonElement.DeepEquals(v, wanted)))
                .FailWith(
                    "Expected the result of " + Name() + " to list " + FailureList.Escape(wanted.GetRawText()) + " among its unexpected values{reason}, but found "
                    + FailureList.Escape(FailureText.Summary(Subject)) + ".");
        }

        return new AndConstraint<ExpectationResultAssertions>(this);
    }

    private string Name() => FailureList.Escape(Subject.Expectation.Type + (Subject.Expectation.ColumnName is { } c ? $" [{c}]" : ""));

    [CustomAssertion]
    private bool HasResult(string because, object[] becauseArgs) => Execute.Assertion
        .BecauseOf(because, becauseArgs)
        .ForCondition(Subject is not null)
        .FailWith("Expected {context:result} to be an expectation result{reason}, but found <null>.");
}
