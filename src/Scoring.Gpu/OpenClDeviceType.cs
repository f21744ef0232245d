namespace Scoring.Gpu;

/// <summary>The kind of an OpenCL device (<c>CL_DEVICE_TYPE</c> bits).</summary>
[Flags]
public enum OpenClDeviceType
{
    /// <summary>No type bit reported.</summary>
    None = 0,

    /// <summary><c>CL_DEVICE_TYPE_DEFAULT</c>.</summary>
    Default = 1,

    /// <summary>A host CPU (e.g. PoCL's <c>pthread</c> device).</summary>
    Cpu = 2,

    /// <summary>A GPU.</summary>
    Gpu = 4,

    /// <summary>A dedicated accelerator (FPGA, DSP).</summary>
    Accelerator = 8,

    /// <summary>A custom device without a full OpenCL C compiler.</summary>
    Custom = 16,
}
