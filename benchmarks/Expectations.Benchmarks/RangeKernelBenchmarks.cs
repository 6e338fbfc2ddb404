using BenchmarkDotNet.Attributes;
using Expectations.Kernels;

namespace Expectations.Benchmarks;

/// <summary>
/// The fused range + null kernel against its scalar reference and a plain vectorized sum of the same
/// double[] (the memory-bandwidth baseline). Rows/s = Rows / mean time.
/// </summary>
[MemoryDiagnoser]
public class RangeKernelBenchmarks
{
    private double[] _values = [];
    private byte[] _validity = [];

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = new double[Rows];
        _validity = new byte[(Rows + 7) / 8];
        for (var i = 0; i < Rows; i++)
        {
            _values[i] = random.NextDouble() * 100;
            if (random.Next(20) != 0)
            {
                _validity[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    [Benchmark(Baseline = true, Description = "bandwidth baseline: sum of double[]")]
    public double SumBaseline() => System.Numerics.Tensors.TensorPrimitives.Sum<double>(_values);

    [Benchmark(Description = "range+null kernel, Vector256")]
    public int RangeVectorized() => RangeKernel.CountOutside<double>(_values, _validity, 1.0, 99.0);

    [Benchmark(Description = "range+null kernel, scalar reference")]
    public int RangeScalar() => RangeKernel.CountOutsideScalar<double>(_values, _validity, 1.0, 99.0);
}
