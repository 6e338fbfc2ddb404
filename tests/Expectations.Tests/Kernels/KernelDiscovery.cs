using System.Reflection;
using System.Runtime.CompilerServices;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

/// <summary>
/// A vectorized kernel and its scalar reference as declared (<see cref="ScalarReferenceAttribute"/>): when the kernel is
/// generic, both are still open and <see cref="Close"/> instantiates them.
/// </summary>
internal sealed record KernelPair(MethodInfo Vectorized, MethodInfo Scalar)
{
    /// <summary>Type and method name, e.g. <c>RangeKernel.CountOutside</c>: the theory case of this pair.</summary>
    public string Id => $"{Vectorized.DeclaringType!.Name}.{Vectorized.Name}";

    /// <summary>
    /// The pair with the kernel's generic parameters (if any) set to <paramref name="typeArguments"/>, the reference's
    /// inferred from the kernel's signature.
    /// </summary>
    public (MethodInfo Vectorized, MethodInfo Scalar) Close(Type[] typeArguments)
    {
        var vectorized = Vectorized.IsGenericMethodDefinition ? Vectorized.MakeGenericMethod(typeArguments) : Vectorized;
        return (vectorized, KernelSignatures.CloseReference(Scalar, vectorized)
            ?? throw new InvalidOperationException($"{KernelSignatures.Signature(Scalar)} does not fit {KernelSignatures.Signature(vectorized)}"));
    }
}

/// <summary>
/// Finds the vectorized kernels of <c>Expectations.Kernels</c> by reflection. The convention: a non-private method of a
/// top-level type of that namespace is vectorized, and must carry <see cref="ScalarReferenceAttribute"/>, when
/// <list type="bullet">
/// <item>its type has a sibling named <c>&lt;name&gt;Scalar</c> (a reference exists, so this is the fast version), or</item>
/// <item>its IL, or the IL of any method of the namespace it calls, loads or takes the address of (private helpers,
/// nested types, lambdas, transitively), references a type of <c>System.Runtime.Intrinsics</c> (Vector64/128/256/512,
/// the ISA classes) or <c>System.Numerics.Vector&lt;T&gt;</c>: in a member's declaring type, its generic arguments, its
/// signature, or a local's type.</item>
/// </list>
/// Private methods are helpers: they are covered through the non-private method that reaches them.
/// </summary>
internal static class KernelDiscovery
{
    public const string Namespace = "Expectations.Kernels";

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;


    /// <summary>The library assembly.</summary>
    public static Assembly Library => typeof(ScalarReferenceAttribute).Assembly;

    /// <summary>Methods callers outside their type can reach: non-private methods of the top-level types of the namespace.</summary>
    public static IEnumerable<MethodInfo> EntryPoints => Library.GetTypes()
        .Where(t => t.Namespace == Namespace && !t.IsNested && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
        .SelectMany(t => t.GetMethods(Declared))
        .Where(m => !m.IsPrivate && !m.IsDefined(typeof(CompilerGeneratedAttribute)));

    /// <summary>The pairs declared by attributes, and what is wrong with the declarations and with unmarked vectorized methods.</summary>
    public static (List<KernelPair> Pairs, List<string> Problems) Discover()
    {
        var pairs = new List<KernelPair>();
        var problems = new List<string>();
        var marked = Library.GetTypes()
            .Where(t => t.Namespace == Namespace)
            .SelectMany(t => t.GetMethods(Declared))
            .Where(m => m.IsDefined(typeof(ScalarReferenceAttribute)));
        foreach (var method in marked)
        {
            var (pair, problem) = Resolve(method);
            if (pair is not null)
            {
                pairs.Add(pair);
            }
            else
            {
                problems.Add(problem!);
            }
        }

        foreach (var method in EntryPoints.Where(m => !m.IsDefined(typeof(ScalarReferenceAttribute))))
        {
            if (WhyVectorized(method) is { } why)
            {
                problems.Add($"{KernelSignatures.Signature(method)} is vectorized ({why}) but names no scalar reference: mark it [ScalarReference(nameof(<its scalar version>))].");
            }
        }

        var referenced = pairs.Select(p => p.Scalar).ToHashSet();
        foreach (var method in EntryPoints.Where(m => m.Name.EndsWith("Scalar", StringComparison.Ordinal) && !referenced.Contains(m)))
        {
            problems.Add($"{KernelSignatures.Signature(method)} looks like a scalar reference but no [ScalarReference] names it.");
        }

        return (pairs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList(), problems);
    }

    /// <summary>
    /// Every use, anywhere in the namespace (base types, fields, signatures, attributes, locals, IL tokens), of a type of
    /// the library outside <c>Expectations.Kernels</c>, as "where: what"; the kernels must depend on nothing else.
    /// </summary>
    public static List<string> ForeignReferences()
    {
        var found = new List<string>();
        foreach (var type in Library.GetTypes().Where(t => t.Namespace == Namespace))
        {
            var uses = new List<(string Where, Type Used)>();
            void Add(string where, Type? used)
            {
                if (used is not null)
                {
                    uses.Add((where, used));
                }
            }

            void Attributes(string where, IEnumerable<CustomAttributeData> attributes)
            {
                foreach (var attribute in attributes)
                {
                    Add(where, attribute.AttributeType);
                    foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
                    {
                        Add(where, argument.ArgumentType);
                        Add(where, argument.Value as Type);
                    }
                }
            }

            Add(type.Name, type.BaseType);
            type.GetInterfaces().ToList().ForEach(i => Add(type.Name, i));
            Attributes(type.Name, type.GetCustomAttributesData());
            foreach (var field in type.GetFields(Declared))
            {
                Add($"{type.Name}.{field.Name}", field.FieldType);
                Attributes($"{type.Name}.{field.Name}", field.GetCustomAttributesData());
            }

            foreach (var property in type.GetProperties(Declared))
            {
                Add($"{type.Name}.{property.Name}", property.PropertyType);
                Attributes($"{type.Name}.{property.Name}", property.GetCustomAttributesData());
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                var where = KernelSignatures.ShortName(method);
                Attributes(where, method.GetCustomAttributesData());
                foreach (var parameter in method.GetParameters())
                {
                    Add(where, parameter.ParameterType);
                    Attributes(where, parameter.GetCustomAttributesData());
                }

                Add(where, (method as MethodInfo)?.ReturnType);
                foreach (var member in IlReferences.Of(method))
                {
                    switch (member)
                    {
                        case Type used:
                            Add(where, used);
                            break;
                        case MethodBase callee:
                            Add(where, callee.DeclaringType);
                            Add(where, (callee as MethodInfo)?.ReturnType);
                            callee.GetParameters().ToList().ForEach(p => Add(where, p.ParameterType));
                            if (callee.IsGenericMethod)
                            {
                                callee.GetGenericArguments().ToList().ForEach(a => Add(where, a));
                            }

                            break;
                        case FieldInfo field:
                            Add(where, field.DeclaringType);
                            Add(where, field.FieldType);
                            break;
                    }
                }
            }

            found.AddRange(uses
                .SelectMany(u => Flatten(u.Used).Where(IsForeign).Select(t => $"{u.Where}: {t.FullName}"))
                .Distinct(StringComparer.Ordinal));
        }

        return found;
    }

    /// <summary>Why <paramref name="method"/> counts as vectorized under the convention, or null when it does not.</summary>
    public static string? WhyVectorized(MethodInfo method)
    {
        var reasons = new List<string>();
        if (method.DeclaringType!.GetMethods(Declared).Any(m => m.Name == method.Name + "Scalar"))
        {
            reasons.Add($"it has a sibling {method.Name}Scalar");
        }

        if (IntrinsicsPath(method) is { } path)
        {
            reasons.Add($"it reaches vector types: {path}");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>
    /// The first chain of calls from <paramref name="root"/> through methods of the namespace to a member that
    /// mentions a vector type, e.g. <c>CountLengthsOutside → CountByteLengthsOutside uses Vector256.Create</c>; null if none.
    /// </summary>
    public static string? IntrinsicsPath(MethodBase root)
    {
        var start = Definition(root);
        var seen = new HashSet<MethodBase> { start };
        var queue = new Queue<(MethodBase Method, string Path)>();
        queue.Enqueue((start, KernelSignatures.ShortName(start)));
        while (queue.TryDequeue(out var item))
        {
            foreach (var member in IlReferences.Of(item.Method))
            {
                if (MentionsVectors(member))
                {
                    return $"{item.Path} uses {MemberName(member)}";
                }

                if (member is MethodBase callee && IsKernelMethod(callee) && seen.Add(Definition(callee)))
                {
                    queue.Enqueue((Definition(callee), $"{item.Path} → {KernelSignatures.ShortName(callee)}"));
                }
            }
        }

        return null;
    }

    private static (KernelPair? Pair, string? Problem) Resolve(MethodInfo vectorized)
    {
        var name = vectorized.GetCustomAttribute<ScalarReferenceAttribute>()!.MethodName;
        var type = vectorized.DeclaringType!;
        var candidates = type.GetMethods(Declared).Where(m => m.Name == name && m != vectorized).ToList();
        if (candidates.Count == 0)
        {
            return (null, $"{KernelSignatures.Signature(vectorized)} names scalar reference '{name}', which is not a method of {type.Name}.");
        }

        var fitting = candidates.Where(c => KernelSignatures.CloseReference(c, vectorized) is not null).ToList();
        if (fitting.Count != 1)
        {
            return (null, fitting.Count == 0
                ? $"{KernelSignatures.Signature(vectorized)} names scalar reference '{name}', but no method of that name has the same parameters and result: {string.Join("; ", candidates.Select(KernelSignatures.Signature))}."
                : $"{KernelSignatures.Signature(vectorized)} names scalar reference '{name}', which fits {fitting.Count} overloads.");
        }

        var reference = fitting[0];
        if (reference.IsDefined(typeof(ScalarReferenceAttribute)))
        {
            return (null, $"{KernelSignatures.Signature(vectorized)} names {KernelSignatures.Signature(reference)} as its scalar reference, but that one is marked vectorized itself.");
        }

        if (IntrinsicsPath(reference) is { } path)
        {
            return (null, $"{KernelSignatures.Signature(vectorized)} names {KernelSignatures.Signature(reference)} as its scalar reference, but it is not scalar: {path}.");
        }

        return (new KernelPair(vectorized, reference), null);
    }

    /// <summary>A type of the library outside the kernels' namespace.</summary>
    private static bool IsForeign(Type type) =>
        type.Assembly == Library && type.Namespace is { } ns && ns != Namespace && (ns == "Expectations" || ns.StartsWith("Expectations.", StringComparison.Ordinal));

    /// <summary>A type with its element type, generic arguments and declaring types, recursively.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return inner;
            }
        }

        if (type.IsNested && !type.IsGenericParameter)
        {
            foreach (var inner in Flatten(type.DeclaringType!))
            {
                yield return inner;
            }
        }
    }

    private static bool IsKernelMethod(MethodBase method) =>
        method.Module == Library.ManifestModule && method.DeclaringType?.Namespace == Namespace;

    /// <summary>The generic definition of a method of the library (its body is the one to read).</summary>
    private static MethodBase Definition(MethodBase method) => method.Module.ResolveMethod(method.MetadataToken)!;

    private static string MemberName(MemberInfo member) => member switch
    {
        Type type => KernelSignatures.TypeName(type),
        _ => $"{(member.DeclaringType is { } t ? KernelSignatures.TypeName(t) : "")}.{member.Name}",
    };

    private static bool MentionsVectors(MemberInfo member) => member switch
    {
        Type type => MentionsVectors(type),
        MethodBase method => MentionsVectors(method.DeclaringType)
            || (method.IsGenericMethod && method.GetGenericArguments().Any(MentionsVectors))
            || (method is MethodInfo info && MentionsVectors(info.ReturnType))
            || method.GetParameters().Any(p => MentionsVectors(p.ParameterType)),
        FieldInfo field => MentionsVectors(field.DeclaringType) || MentionsVectors(field.FieldType),
        _ => false,
    };

    private static bool MentionsVectors(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            return false;
        }

        if (type.HasElementType)
        {
            return MentionsVectors(type.GetElementType());
        }

        if (type.Namespace is "System.Runtime.Intrinsics" || type.Namespace?.StartsWith("System.Runtime.Intrinsics.", StringComparison.Ordinal) == true
            || (type.Namespace == "System.Numerics" && type.Name is "Vector" or "Vector`1"))
        {
            return true;
        }

        return (type.IsGenericType && type.GetGenericArguments().Any(MentionsVectors)) || MentionsVectors(type.DeclaringType);
    }
}
