using System.Reflection;

namespace Expectations.Tests.Kernels;

/// <summary>How kernel signatures are matched (a scalar reference against its vectorized kernel, generic holes bound) and named in messages.</summary>
internal static class KernelSignatures
{
    /// <summary>
    /// <paramref name="reference"/> with its generic parameters (if any) inferred from <paramref name="vectorized"/>'s
    /// parameter and return types; null when the two signatures cannot be made equal.
    /// </summary>
    public static MethodInfo? CloseReference(MethodInfo reference, MethodInfo vectorized)
    {
        var holes = reference.IsGenericMethodDefinition ? reference.GetGenericArguments() : [];
        var bound = new Dictionary<Type, Type>();
        var patterns = reference.GetParameters();
        var actuals = vectorized.GetParameters();
        if (patterns.Length != actuals.Length
            || !patterns.Zip(actuals).All(p => Unify(p.First.ParameterType, p.Second.ParameterType, holes, bound))
            || !Unify(reference.ReturnType, vectorized.ReturnType, holes, bound)
            || holes.Any(h => !bound.ContainsKey(h)))
        {
            return null;
        }

        if (holes.Length == 0)
        {
            return reference;
        }

        try
        {
            return reference.MakeGenericMethod(holes.Select(h => bound[h]).ToArray());
        }
        catch (ArgumentException)
        {
            return null; // the inferred types break the reference's constraints
        }
    }

    /// <summary>
    /// One-sided unification: binds the <paramref name="holes"/> (generic parameters) of <paramref name="pattern"/> so
    /// that it equals <paramref name="actual"/>; any other type must match exactly.
    /// </summary>
    public static bool Unify(Type pattern, Type actual, IReadOnlyCollection<Type> holes, Dictionary<Type, Type> bound)
    {
        if (pattern.IsGenericParameter && holes.Contains(pattern))
        {
            if (bound.TryGetValue(pattern, out var existing))
            {
                return existing == actual;
            }

            bound[pattern] = actual;
            return true;
        }

        if (pattern.IsByRef || pattern.IsArray || pattern.IsPointer)
        {
            return actual.IsByRef == pattern.IsByRef && actual.IsArray == pattern.IsArray && actual.IsPointer == pattern.IsPointer
                && (!pattern.IsArray || pattern.GetArrayRank() == actual.GetArrayRank())
                && Unify(pattern.GetElementType()!, actual.GetElementType()!, holes, bound);
        }

        if (pattern.IsGenericType && !pattern.IsGenericTypeDefinition)
        {
            return actual.IsGenericType && !actual.IsGenericTypeDefinition
                && pattern.GetGenericTypeDefinition() == actual.GetGenericTypeDefinition()
                && pattern.GetGenericArguments().Zip(actual.GetGenericArguments()).All(a => Unify(a.First, a.Second, holes, bound));
        }

        return pattern == actual;
    }

    /// <summary>C#-like signature, e.g. <c>int RangeKernel.CountOutside&lt;T&gt;(ReadOnlySpan&lt;T&gt; values, ReadOnlySpan&lt;byte&gt; validity, T lo, T hi)</c>.</summary>
    public static string Signature(MethodInfo method)
    {
        var parameters = string.Join(", ", method.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"));
        return $"{TypeName(method.ReturnType)} {ShortName(method)}({parameters})";
    }

    /// <summary>C#-like type name: keywords for primitives, <c>ref</c>, generic arguments in angle brackets.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsByRef)
        {
            return "ref " + TypeName(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
        }

        if (type.IsEnum || type.IsGenericParameter)
        {
            return type.Name;
        }

        return Type.GetTypeCode(type) switch
        {
            _ when type == typeof(void) => "void",
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.Char => "char",
            TypeCode.String => "string",
            _ => type.Name,
        };
    }

    public static string ShortName(MethodBase method)
    {
        var generic = method.IsGenericMethod ? $"<{string.Join(", ", method.GetGenericArguments().Select(TypeName))}>" : "";
        return $"{method.DeclaringType?.Name}.{method.Name}{generic}";
    }
}
