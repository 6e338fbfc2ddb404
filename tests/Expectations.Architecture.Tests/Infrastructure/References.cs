using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;

namespace Expectations.Architecture.Tests.Infrastructure;

/// <summary>
/// MetadataReferences for compiling the repository's code in memory: the .NET 10 reference pack plus every managed
/// assembly next to the test assembly (the project references put the libraries and their packages there).
/// </summary>
internal static class References
{
    /// <summary>The global usings that Microsoft.NET.Sdk adds with ImplicitUsings enabled (library and console app alike).</summary>
    public static readonly IReadOnlyList<string> ImplicitUsings =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    /// <summary>The source of a file holding <see cref="ImplicitUsings"/> as global usings.</summary>
    public static string ImplicitUsingsSource => string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n"));

    /// <summary>
    /// The framework and the output folder's assemblies whose simple name <paramref name="include"/> accepts. When a name
    /// is in both (System.Collections.Immutable, say), the higher assembly version wins, as in the SDK's conflict
    /// resolution; on a tie the package's (the output folder's) copy, which is what the libraries were built against.
    /// </summary>
    public static IReadOnlyList<MetadataReference> FrameworkAndOutputFolder(Func<string, bool> include)
    {
        var byName = new Dictionary<string, (Version Version, MetadataReference Reference)>(StringComparer.OrdinalIgnoreCase);
        foreach (var info in Net100.ReferenceInfos.All)
        {
            using var pe = new PEReader(new MemoryStream(info.ImageBytes));
            var definition = pe.GetMetadataReader().GetAssemblyDefinition();
            var name = pe.GetMetadataReader().GetString(definition.Name);
            byName[name] = (definition.Version, info.Reference);
        }

        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            if (ManagedAssembly(path) is not { } identity || !include(identity.Name))
            {
                continue;
            }

            if (!byName.TryGetValue(identity.Name, out var existing) || identity.Version >= existing.Version)
            {
                byName[identity.Name] = (identity.Version, MetadataReference.CreateFromFile(path));
            }
        }

        return byName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Reference).ToList();
    }

    /// <summary>Name and version of a managed assembly, or null for a native library that happens to end in .dll.</summary>
    private static (string Name, Version Version)? ManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata || pe.GetMetadataReader() is not { IsAssembly: true } reader)
            {
                return null;
            }

            var definition = reader.GetAssemblyDefinition();
            return (reader.GetString(definition.Name), definition.Version);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
