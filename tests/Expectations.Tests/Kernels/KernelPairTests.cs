using System.Reflection;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

/// <summary>
/// Every vectorized kernel names its scalar reference (<see cref="ScalarReferenceAttribute"/>), and every pair, found by
/// reflection, agrees on random data with nulls (no bitmap, all valid, all null, random bits), odd lengths and offsets.
/// See <see cref="KernelDiscovery"/> for what counts as vectorized and <see cref="KernelShape"/> for the shapes.
/// </summary>
public class KernelPairTests
{
    /// <summary>The pairs, one theory case each.</summary>
    public static TheoryData<string> Pairs => new(KernelDiscovery.Discover().Pairs.Select(p => p.Id));

    [Fact]
    public void Every_vectorized_kernel_names_a_scalar_reference()
    {
        var problems = KernelDiscovery.Discover().Problems;
        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>
    /// The kernels depend on nothing else in the library: no type of another <c>Expectations</c> namespace appears in
    /// their signatures, fields, attributes, locals or IL (a grep for usings would miss <c>Engine.X</c> resolved through
    /// the parent namespace).
    /// </summary>
    [Fact]
    public void Kernels_use_no_other_namespace_of_the_library()
    {
        var foreign = KernelDiscovery.ForeignReferences();
        if (foreign.Count > 0)
        {
            Assert.Fail("Expectations.Kernels must depend on nothing else in the library:" + Environment.NewLine + string.Join(Environment.NewLine, foreign));
        }
    }

    /// <summary>
    /// A floor for the discovery, so that a convention broken in the test (the IL scan, say) cannot pass by finding
    /// nothing: the pairs the hand-written agreement tests used to cover are found, and found vectorized without the
    /// attribute's help, with the element types those tests used.
    /// </summary>
    [Fact]
    public void Discovery_finds_the_known_kernels_without_relying_on_the_attribute()
    {
        var pairs = KernelDiscovery.Discover().Pairs;
        string[] known =
        [
            "AggregateKernel.AccumulateDouble", "AggregateKernel.AccumulateLong", "Bitmap.CountValid",
            "RangeKernel.CountOutside", "Utf8LengthKernel.CodePoints", "Utf8LengthKernel.CountLengthsOutside",
        ];
        pairs.Select(p => p.Id).Should().Contain(known);
        foreach (var pair in pairs)
        {
            KernelDiscovery.WhyVectorized(pair.Vectorized).Should().NotBeNull($"{pair.Id} is vectorized");
        }

        KernelDiscovery.IntrinsicsPath(typeof(Utf8LengthKernel).GetMethod(nameof(Utf8LengthKernel.CountLengthsOutside))!)
            .Should().Contain("CountByteLengthsOutside", "its vector code is in a private helper");
        Instantiations(pairs.Single(p => p.Id == "RangeKernel.CountOutside")).Select(i => i.Vectorized.GetGenericArguments()[0])
            .Should().Contain([typeof(double), typeof(float), typeof(int), typeof(long), typeof(byte), typeof(short)]);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Vectorized_kernel_agrees_with_its_scalar_reference(string id)
    {
        var pair = KernelDiscovery.Discover().Pairs.Single(p => p.Id == id);
        var instantiations = Instantiations(pair);
        instantiations.Should().NotBeEmpty($"no element type satisfies the constraints of {KernelSignatures.Signature(pair.Vectorized)}: add a shape for it");
        foreach (var (vectorized, scalar) in instantiations)
        {
            var match = KernelShape.Match(vectorized);
            if (match is null)
            {
                Assert.Fail($"add a shape for {KernelSignatures.Signature(vectorized)} (known shapes: {string.Join(", ", KernelShape.All.Select(s => s.Name))})");
            }

            try
            {
                match.Value.Runner.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [vectorized, scalar], null);
            }
            catch (Exception ex) when (ex is not UnknownShapeException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{KernelSignatures.Signature(vectorized)} disagrees with {KernelSignatures.Signature(scalar)} ({match.Value.Shape.Name}):{Environment.NewLine}{ex.Message}",
                    ex);
            }
        }
    }

    /// <summary>The pair itself, or for a generic kernel one closed pair per element type its constraints allow.</summary>
    private static List<(MethodInfo Vectorized, MethodInfo Scalar)> Instantiations(KernelPair pair)
    {
        if (!pair.Vectorized.IsGenericMethodDefinition)
        {
            return [pair.Close([])];
        }

        if (pair.Vectorized.GetGenericArguments().Length != 1)
        {
            Assert.Fail($"add a shape for {KernelSignatures.Signature(pair.Vectorized)} (kernels with more than one generic parameter are not instantiated)");
        }

        var closed = new List<(MethodInfo, MethodInfo)>();
        foreach (var type in KernelData.ElementTypes)
        {
            try
            {
                closed.Add(pair.Close([type]));
            }
            catch (ArgumentException)
            {
                // The kernel's constraints exclude this element type.
            }
        }

        return closed;
    }
}
