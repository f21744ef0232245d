namespace Scoring.Gpu;

/// <summary>The element types a kernel column can have, and their OpenCL C names.</summary>
internal enum KernelColumnType
{
    /// <summary>.NET <see cref="double"/>, OpenCL <c>double</c> (8 bytes).</summary>
    Float64,

    /// <summary>.NET <see cref="long"/>, OpenCL <c>long</c> (8 bytes).</summary>
    Int64,

    /// <summary>.NET <see cref="int"/>, OpenCL <c>int</c> (4 bytes).</summary>
    Int32,

    /// <summary>.NET <see cref="byte"/>, OpenCL <c>uchar</c> (1 byte; booleans and flags).</summary>
    UInt8,
}
