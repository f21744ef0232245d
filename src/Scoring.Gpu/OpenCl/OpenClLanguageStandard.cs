namespace Scoring.Gpu.OpenCl;

/// <summary>Chooses the <c>-cl-std=</c> build option a device supports: OpenCL C 3.0 when listed, else 1.2.</summary>
internal static class OpenClLanguageStandard
{
    /// <summary>
    /// <c>CL3.0</c> when the device is OpenCL 3.x and lists OpenCL C 3.0 in <c>CL_DEVICE_OPENCL_C_ALL_VERSIONS</c>
    /// (a 3.0 device reports 1.2 in <c>CL_DEVICE_OPENCL_C_VERSION</c>, the highest fully backwards-compatible version);
    /// otherwise <c>CL1.2</c> (or <c>CL2.0</c>) from <c>CL_DEVICE_OPENCL_C_VERSION</c>; <see langword="null"/> below 1.2.
    /// </summary>
    public static string? Choose(string deviceVersion, string openClCVersion, IReadOnlyList<(uint Version, string Name)> allCVersions)
    {
        const uint openClC30 = (3u << 22) | (0u << 12);
        if (ParseVersion(deviceVersion, "OpenCL ") is { Major: >= 3 }
            && allCVersions.Any(v => v.Name.StartsWith("OpenCL C", StringComparison.Ordinal) && (v.Version >> 12) == (openClC30 >> 12)))
        {
            return "CL3.0";
        }

        return ParseVersion(openClCVersion, "OpenCL C ") switch
        {
            { Major: 2 } => "CL2.0",
            { Major: 1, Minor: >= 2 } or { Major: >= 3 } => "CL1.2",
            _ => null,
        };
    }

    /// <summary>Parses <c>"&lt;prefix&gt;major.minor ..."</c>, e.g. <c>OpenCL C 1.2 PoCL</c>.</summary>
    public static (int Major, int Minor)? ParseVersion(string text, string prefix)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = text[prefix.Length..];
        int space = rest.IndexOf(' ');
        string number = space < 0 ? rest : rest[..space];
        int dot = number.IndexOf('.');
        return dot > 0
            && int.TryParse(number[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major)
            && int.TryParse(number[(dot + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int minor)
            ? (major, minor)
            : null;
    }
}
