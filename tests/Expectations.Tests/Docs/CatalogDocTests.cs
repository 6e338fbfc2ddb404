using Expectations.Json;
using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace Expectations.Tests.Docs;

/// <summary>
/// docs/expectations.md is generated from the catalog (type names, kwargs, XML doc summaries). This test fails
/// when the file is stale; run it with EXPECTATIONS_WRITE_DOCS=1 to rewrite the file.
/// </summary>
public class CatalogDocTests
{
    [Fact]
    public void Expectation_catalogue_doc_is_up_to_date()
    {
        var generated = Generate();
        var path = Path.Combine(RepoRoot(), "docs", "expectations.md");
        if (Environment.GetEnvironmentVariable("EXPECTATIONS_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        File.Exists(path).Should().BeTrue("docs/expectations.md must exist (run the tests with EXPECTATIONS_WRITE_DOCS=1)");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(generated,
            "docs/expectations.md is generated from the catalog; rerun `EXPECTATIONS_WRITE_DOCS=1 dotnet test --filter CatalogDoc` and commit it");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Expectations.sln not found above the test binaries.");
    }

    private static string Generate()
    {
        var assembly = typeof(Expectation).Assembly;
        var xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        var docs = File.Exists(xmlPath)
            ? XDocument.Load(xmlPath).Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, m => Clean(m.Element("summary")))
            : [];
        var sb = new StringBuilder();
        sb.Append("# Expectation catalogue\n\n");
        sb.Append("Generated from the registry by `tests/Expectations.Tests/Docs/CatalogDocTests.cs`; do not edit by hand.\n");
        sb.Append("Every expectation is written in suites exactly as Great Expectations names it. Common arguments of all\n");
        sb.Append("expectations: `result_format`, `row_condition` (check only the rows that satisfy a condition such as `col(\"country\") == \"DE\"`),\n");
        sb.Append("`condition_parser` (`great_expectations` or `pandas`; both syntaxes are understood), and at expectation level `meta`, `id`,\n");
        sb.Append("`severity` (`error` | `warning` | `info`).\n");
        sb.Append("Row-level (map) expectations ignore nulls unless they are about nulls, and accept `mostly` (fraction of non-null rows that must pass).\n");
        sb.Append("An argument of type value or integer, and each item of a list of values, may also be a suite parameter, `{\"$PARAMETER\": \"name\"}` (or an expression\n");
        sb.Append("such as `now() - timedelta(days=7)`), resolved when a validation runs; see [suite parameters](cli.md#suite-parameters).\n\n");
        var types = ExpectationCatalog.Default.TypeNames;
        sb.Append("| expectation | C# record | family |\n| --- | --- | --- |\n");
        foreach (var name in types)
        {
            ExpectationCatalog.Default.TryGetModelType(name, out var type);
            sb.Append($"| [`{name}`](#{name}) | `{type!.Name}` | {Family(type)} |\n");
        }

        foreach (var name in types)
        {
            ExpectationCatalog.Default.TryGetModelType(name, out var type);
            sb.Append($"\n## {name}\n\n");
            sb.Append(docs.GetValueOrDefault("T:" + type!.FullName, "")).Append("\n\n");
            sb.Append("| argument | type | required | meaning |\n| --- | --- | --- | --- |\n");
            // As the reader maps them: a group's kwargs (Bounds) in place of the group, documented by the group's type.
            foreach (var kw in KwargBinder.PropertiesOf(type).Where(k => (k.Group ?? k.Property).DeclaringType != typeof(Expectation))
                         .OrderBy(k => k.Required ? 0 : 1).ThenBy(k => (k.Group ?? k.Property).MetadataToken).ThenBy(k => k.Property.MetadataToken))
            {
                var summary = docs.GetValueOrDefault($"P:{kw.Property.DeclaringType!.FullName}.{kw.Property.Name}", "");
                sb.Append($"| `{kw.Name}` | {(kw.Integer ? "integer" : NumericBound(type, kw.Type) ? "number" : TypeName(kw.Type))} | {(kw.Required ? "yes" : "no")} | {summary} |\n");
            }
        }

        return sb.ToString();
    }

    private static string Family(Type t) => t.Namespace?.Split('.').Last() is { } ns && typeof(ColumnMapExpectation).IsAssignableFrom(t)
        ? "column map"
        : typeof(ColumnExpectation).IsAssignableFrom(t) ? "column" : "table / multi-column";

    /// <summary>A bound of a statistic that is always a number (mean, stdev, …): strings are refused when the suite is read.</summary>
    private static bool NumericBound(Type type, Type kwargType) =>
        kwargType == typeof(Scalar?) && typeof(ColumnAggregateBetween).IsAssignableFrom(type) && !type.IsAbstract
        && ((ColumnAggregateBetween)Activator.CreateInstance(type)!).NumericStatistic;

    private static string TypeName(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u == typeof(string) ? "string"
            : u == typeof(bool) ? "boolean"
            : u == typeof(double) ? "number"
            : u == typeof(int) || u == typeof(long) ? "integer"
            : u == typeof(Scalar) ? "value (number, string, boolean, ISO date)"
            : u == typeof(ValueList<Scalar>) ? "list of values"
            : u == typeof(ValueList<string>) ? "list of column names"
            : u == typeof(ValueList<ValueList<Scalar>>) ? "list of [a, b] pairs"
            : u == typeof(TextNormalization) ? "`true` \\| `false` \\| list of `\"trim\"`, `\"case\"`, `\"whitespace\"`"
            : u.IsEnum ? string.Join(" \\| ", u.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => "`" + (f.GetCustomAttribute<System.Runtime.Serialization.EnumMemberAttribute>()?.Value ?? f.Name) + "`"))
            : u.Name;
    }

    private static string Clean(XElement? summary)
    {
        if (summary is null)
        {
            return "";
        }

        var text = string.Concat(summary.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "c" } c => "`" + c.Value + "`",
            XElement { Name.LocalName: "see" } s => "`" + ((string?)s.Attribute("cref") ?? (string?)s.Attribute("langword") ?? "").Split('.', ':').Last() + "`",
            XElement e => e.Value,
            _ => "",
        }));
        return string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
    }
}
