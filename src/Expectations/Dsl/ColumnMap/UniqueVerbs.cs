using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Data;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using Expectations.Engine;
using Expectations.Kernels;

namespace Expectations;

/// <summary>Uniqueness verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>No non-null value occurs twice (GX <c>expect_column_values_to_be_unique</c>); every occurrence of a repeated value is unexpected.</summary>
    public static ColumnRules<T> Unique<T>(this ColumnRules<T> c) => c.Add(new ColumnValuesToBeUnique { Column = c.Name });
}
