namespace Governance.Agent;

/// <summary>
/// Writes released material into the output folder: each plaintext in its own file readable by the owner
/// only (0600, folders 0700), dataset descriptors as JSON beside their key files, and the receipt.
/// </summary>
public sealed class ReleaseOutputWriter(string root)
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly List<string> _files = [];

    public string Root { get; } = Path.GetFullPath(root);

    public IReadOnlyList<string> Files => _files;

    /// <summary>Writes <paramref name="content"/> to <c>root/segments…</c> with mode 0600; returns the relative path.</summary>
    public string WritePrivate(ReadOnlySpan<byte> content, params string[] segments)
    {
        var path = Resolve(segments);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(content);
        }

        return Record(path);
    }

    /// <summary>Writes a JSON document (not secret, but kept private alongside the rest).</summary>
    public string WriteJson<T>(T value, params string[] segments) =>
        WritePrivate(JsonSerializer.SerializeToUtf8Bytes(value, GovernanceJson.Indented), segments);

    private string Resolve(string[] segments)
    {
        foreach (var segment in segments)
        {
            if (string.IsNullOrEmpty(segment) || segment is "." or ".." || segment.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                throw new InvalidDataException($"The service sent a name that is not a safe file name: '{segment}'.");
            }
        }

        var path = Path.Combine([Root, .. segments]);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerDirectory);
            }
        }

        return path;
    }

    private string Record(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        _files.Add(relative);
        return relative;
    }
}
