using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace Expectations.Testing;

/// <summary>FluentAssertions for a <see cref="ValidationReport"/>: <c>report.Should().BeSuccessful()</c>, <c>.HaveFailed("amount")</c>.</summary>
public sealed class ValidationReportAssertions : ReferenceTypeAssertions<ValidationReport, ValidationReportAssertions>
{
    /// <summary>Creates the assertions for <paramref name="report"/>.</summary>
    /// <param name="report">The report under test.</param>
    public ValidationReportAssertions(ValidationReport report) : base(report)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "report";

    /// <summary>Asserts that no error-severity expectation failed; the failure message lists each failed expectation with counts and sample values.</summary>
    /// <param name="because">Why the report should pass (FluentAssertions' reason phrase).</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ValidationReportAssertions> BeSuccessful(string because = "", params object[] becauseArgs) =>
        BeSuccessful(Severity.Error, because, becauseArgs);

    /// <summary>Asserts that no expectation of severity <paramref name="failOn"/> or worse failed (warning: warnings fail too).</summary>
    /// <param name="failOn">The lowest severity that counts as a failure.</param>
    /// <param name="because">Why the report should pass.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ValidationReportAssertions> BeSuccessful(Severity failOn, string because = "", params object[] becauseArgs)
    {
        if (HasReport(because, becauseArgs))
        {
            var failures = Subject.Failures(failOn).ToList();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(failures.Count == 0)
                .FailWith("Expected {context:report} of suite {0} to be successful{reason}, but " + FailureList.Escape(FailureList.Describe(Subject, failures)), Subject.Meta.SuiteName);
        }

        return new AndConstraint<ValidationReportAssertions>(this);
    }

    /// <summary>Asserts that the validation failed (an error-severity expectation did not hold).</summary>
    /// <param name="because">Why the report should fail.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ValidationReportAssertions> NotBeSuccessful(string because = "", params object[] becauseArgs)
    {
        if (HasReport(because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(!Subject.Success)
                .FailWith("Expected {context:report} of suite {0} to fail{reason}, but all {1} expectations held.", Subject.Meta.SuiteName, Subject.Results.Length);
        }

        return new AndConstraint<ValidationReportAssertions>(this);
    }

    /// <summary>
    /// Asserts that an expectation on column <paramref name="column"/> was unsuccessful (whatever its severity).
    /// <c>.Which</c> is the first unsuccessful result on the column in suite order (the order of
    /// <see cref="ValidationReport.Results"/>), also when several failed: when the column has more than one
    /// expectation, name the one you mean with <see cref="HaveFailed{TExpectation}(string, string, object[])"/>.
    /// </summary>
    /// <param name="column">The column name.</param>
    /// <param name="because">Why it should fail.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<ValidationReportAssertions, ExpectationResult> HaveFailed(string column, string because = "", params object[] becauseArgs) =>
        HaveFailedWhere(r => r.Expectation.ColumnName == column, $"an expectation on column \"{column}\"", because, becauseArgs);

    /// <summary>
    /// Asserts that an expectation of type <typeparamref name="TExpectation"/> was unsuccessful; <c>.Which</c> is the
    /// first unsuccessful one in suite order (the order of <see cref="ValidationReport.Results"/>).
    /// </summary>
    /// <typeparam name="TExpectation">The expectation record type, e.g. <c>ColumnValuesToBeBetween</c>.</typeparam>
    /// <param name="because">Why it should fail.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<ValidationReportAssertions, ExpectationResult> HaveFailed<TExpectation>(string because = "", params object[] becauseArgs)
        where TExpectation : Expectation =>
        HaveFailedWhere(r => r.Expectation is TExpectation, $"an expectation of type {typeof(TExpectation).Name}", because, becauseArgs);

    /// <summary>
    /// Asserts that an expectation of type <typeparamref name="TExpectation"/> on <paramref name="column"/> was
    /// unsuccessful; <c>.Which</c> is that result (the first in suite order if the suite has several such).
    /// </summary>
    /// <typeparam name="TExpectation">The expectation record type.</typeparam>
    /// <param name="column">The column name.</param>
    /// <param name="because">Why it should fail.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<ValidationReportAssertions, ExpectationResult> HaveFailed<TExpectation>(string column, string because = "", params object[] becauseArgs)
        where TExpectation : Expectation =>
        HaveFailedWhere(r => r.Expectation is TExpectation && r.Expectation.ColumnName == column, $"an expectation of type {typeof(TExpectation).Name} on column \"{column}\"", because, becauseArgs);

    /// <summary>Asserts that every expectation on column <paramref name="column"/> held.</summary>
    /// <param name="column">The column name.</param>
    /// <param name="because">Why it should hold.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<ValidationReportAssertions> NotHaveFailed(string column, string because = "", params object[] becauseArgs)
    {
        if (HasReport(because, becauseArgs))
        {
            var failures = Subject.Results.Where(r => !r.Success && r.Expectation.ColumnName == column).ToList();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(failures.Count == 0)
                .FailWith("Expected no expectation on column {0} to fail in {context:report}{reason}, but " + FailureList.Escape(FailureList.Describe(Subject, failures)), column);
        }

        return new AndConstraint<ValidationReportAssertions>(this);
    }

    [CustomAssertion]
    private AndWhichConstraint<ValidationReportAssertions, ExpectationResult> HaveFailedWhere(Func<ExpectationResult, bool> match, string what, string because, object[] becauseArgs)
    {
        ExpectationResult? found = null;
        if (HasReport(because, becauseArgs))
        {
            var candidates = Subject.Results.Where(match).ToList();
            found = candidates.FirstOrDefault(r => !r.Success);
            var but = candidates.Count == 0
                ? "the suite has no such expectation; it checked: " + string.Join(", ", Subject.Results.Select(r => r.Expectation.Type + (r.Expectation.ColumnName is { } c ? $" [{c}]" : "")).Distinct())
                : $"all {candidates.Count} such expectation(s) held: " + string.Join("; ", candidates.Select(r => FailureText.Describe(r, 1)));
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(found is not null)
                .FailWith("Expected " + FailureList.Escape(what) + " to have failed in {context:report}{reason}, but " + FailureList.Escape(but) + ".");
        }

        return new AndWhichConstraint<ValidationReportAssertions, ExpectationResult>(this, found!);
    }

    [CustomAssertion]
    private bool HasReport(string because, object[] becauseArgs) => Execute.Assertion
        .BecauseOf(because, becauseArgs)
        .ForCondition(Subject is not null)
        .FailWith("Expected {context:report} to be a validation report{reason}, but found <null>.");
}
