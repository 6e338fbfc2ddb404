using FluentAssertions;
using FluentAssertions.Execution;

namespace Expectations.Testing;

/// <summary>
/// The shared body of the data assertions: validate, then assert on the report. Compiled into Expectations.Testing and
/// (as a linked file) into Expectations.Testing.DataAnalysis, so that neither package depends on the other's internals.
/// </summary>
internal static class DataAssertionCore
{
    // [CustomAssertion] on every method between the caller and FailWith: FluentAssertions names the subject from the
    // first stack frame that is not one, so the message says "Expected transactions ..." after `transactions.Should()`.
    [CustomAssertion]
    public static ValidationReport? Check(IDataSource? source, string identifier, ValidationPlan plan, bool expectSuccess, string because, object[] becauseArgs)
    {
        // The subject is named by the caller's expression where FluentAssertions can find it, else by the identifier.
        var context = "{context:" + identifier + "}";
        var present = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(source is not null)
            .FailWith("Expected " + context + " to be validated against suite {0}{reason}, but found <null>.", plan.Suite.Name);
        if (!present)
        {
            return null;
        }

        var report = plan.Validate(source!);
        if (expectSuccess)
        {
            var failures = report.Failures().ToList();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(failures.Count == 0)
                .FailWith("Expected " + context + " to satisfy suite {0}{reason}, but " + FailureList.Escape(FailureList.Describe(report, failures)), plan.Suite.Name);
        }
        else
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(!report.Success)
                .FailWith("Expected " + context + " not to satisfy suite {0}{reason}, but all {1} expectations held.", plan.Suite.Name, report.Results.Length);
        }

        return report;
    }
}
