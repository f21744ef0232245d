using System.Runtime.InteropServices;

namespace Scoring.Gpu.OpenCl;

/// <summary>
/// The OpenCL 1.2/2.0 entry points this project uses, bound with source-generated <c>LibraryImport</c>.
/// Handles are <see cref="nint"/>, <c>size_t</c> is <see cref="nuint"/>, <c>cl_bitfield</c> and
/// <c>cl_queue_properties</c> are <see cref="ulong"/>, <c>cl_uint</c>/<c>cl_bool</c> are <see cref="uint"/>.
/// Every call returns (or writes) a <c>cl_int</c> status that <see cref="ClStatus.Check"/> turns into an exception.
/// </summary>
internal static unsafe partial class ClNative
{
    /// <summary>The library name every import binds to; <see cref="OpenClLibrary"/> resolves it per OS.</summary>
    public const string Library = "libOpenCL.so.1";

    [LibraryImport(Library)] public static partial int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);
    [LibraryImport(Library)] public static partial int clGetPlatformInfo(nint platform, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);
    [LibraryImport(Library)] public static partial int clGetDeviceInfo(nint device, uint param, nuint size, void* value, nuint* sizeRet);

    [LibraryImport(Library)] public static partial nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, int* errcode);
    [LibraryImport(Library)] public static partial int clReleaseContext(nint context);

    [LibraryImport(Library)] public static partial nint clCreateCommandQueueWithProperties(nint context, nint device, ulong* properties, int* errcode);
    [LibraryImport(Library)] public static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, int* errcode);
    [LibraryImport(Library)] public static partial int clReleaseCommandQueue(nint queue);
    [LibraryImport(Library)] public static partial int clFlush(nint queue);
    [LibraryImport(Library)] public static partial int clFinish(nint queue);

    [LibraryImport(Library)] public static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errcode);
    [LibraryImport(Library)] public static partial nint clCreateProgramWithBinary(nint context, uint numDevices, nint* devices, nuint* lengths, byte** binaries, int* binaryStatus, int* errcode);
    [LibraryImport(Library)] public static partial int clBuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);
    [LibraryImport(Library)] public static partial int clGetProgramBuildInfo(nint program, nint device, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clGetProgramInfo(nint program, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)] public static partial nint clCreateKernel(nint program, byte* name, int* errcode);
    [LibraryImport(Library)] public static partial int clSetKernelArg(nint kernel, uint index, nuint size, void* value);
    [LibraryImport(Library)] public static partial int clGetKernelInfo(nint kernel, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clGetKernelWorkGroupInfo(nint kernel, nint device, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)] public static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* errcode);
    [LibraryImport(Library)] public static partial int clReleaseMemObject(nint memory);

    [LibraryImport(Library)] public static partial int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* ptr, uint numEvents, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial int clEnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* ptr, uint numEvents, nint* waitList, nint* evt);
    [LibraryImport(Library)] public static partial int clEnqueueNDRangeKernel(nint queue, nint kernel, uint workDim, nuint* globalOffset, nuint* globalSize, nuint* localSize, uint numEvents, nint* waitList, nint* evt);

    [LibraryImport(Library)] public static partial int clWaitForEvents(uint numEvents, nint* events);
    [LibraryImport(Library)] public static partial int clGetEventProfilingInfo(nint evt, uint param, nuint size, void* value, nuint* sizeRet);
    [LibraryImport(Library)] public static partial int clReleaseEvent(nint evt);
}
