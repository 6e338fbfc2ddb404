using System.Reflection;
using System.Text.RegularExpressions;
using Expectations.Architecture.Tests.Infrastructure;

namespace Expectations.Architecture.Tests.Completeness;

/// <summary>
/// Every expectation record of the library, found by reflection (not by looping over what is registered), is wired
/// through every layer: registered in the catalog under its wire-name constant, given an in-memory evaluator, reachable
/// from a DSL verb, round-tripped by suite JSON and listed in the generated catalogue. Forgetting any one line fails here.
/// </summary>
public class ExpectationCompletenessTests
{
    public static TheoryData<string> Records() =>
    [
        .. typeof(Expectation).Assembly.GetTypes()
            .Where(t => typeof(Expectation).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void The_library_has_expectation_records() => Assert.True(Records().Count >= 60, $"found only {Records().Count} records");

    [Theory]
    [MemberData(nameof(Records))]
    public void Record_is_wired_through_every_layer(string recordName)
    {
        var type = typeof(Expectation).Assembly.GetTypes().Single(t => t.Name == recordName && typeof(Expectation).IsAssignableFrom(t));
        var field = type.GetField("TypeName", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        Assert.True(field is { IsLiteral: true }, $"{recordName} must declare `public const string TypeName = \"expect_...\";`");
        var name = (string)field!.GetRawConstantValue()!;

        Assert.True(ExpectationCatalog.Default.TryGetModelType(name, out var registered) && registered == type,
            $"{recordName} ({name}) is not registered: add `typeof({recordName}),` to src/Expectations/Model/BuiltInExpectations.cs");
        Assert.True(InMemoryValidation.Evaluators.ExpectationTypes.Contains(type),
            $"{recordName} has no in-memory evaluator: add its line to src/Expectations/Engine/Checks/BuiltInEvaluators.cs (or its feature's evaluator list)");

        var verbSources = Directory.EnumerateFiles(System.IO.Path.Combine(RepoRoot.Path, "src", "Expectations"), "*Verbs.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText);
        Assert.True(verbSources.Any(text => Regex.IsMatch(text, $@"\bnew {recordName}\b")),
            $"{recordName} has no DSL verb: add an extension method in src/Expectations/Dsl/<Family>/*Verbs.cs that adds `new {recordName} {{ ... }}`");

        var catalogue = File.ReadAllText(System.IO.Path.Combine(RepoRoot.Path, "docs", "expectations.md"));
        Assert.True(catalogue.Contains($"## {name}", StringComparison.Ordinal),
            $"{name} is missing from docs/expectations.md: regenerate it (EXPECTATIONS_WRITE_DOCS=1 dotnet test --filter CatalogDoc)");

        var instance = (Expectation)Activator.CreateInstance(type)!;
        Assert.Equal(name, instance.Type);
    }
}
