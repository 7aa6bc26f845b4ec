using System.Text.RegularExpressions;
using MimeKit;

namespace ServiceExcellence.Web.Pages.Dev.Mailbox;

/// <summary>
/// The .eml files that the pickup-folder transport writes in Development, read back so a newcomer can
/// open a survey email and click its links without a mail server.
/// </summary>
public sealed partial class PickupMailbox(string? folder)
{
    /// <summary>The newest emails only: the folder is never cleaned up, and each file is parsed to list it.</summary>
    public const int MaxListed = 200;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(folder);

    public string? Folder => folder;

    public IReadOnlyList<Entry> List()
    {
        if (!IsConfigured || !Directory.Exists(folder))
        {
            return [];
        }

        var files = new DirectoryInfo(folder).EnumerateFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Take(MaxListed);
        var entries = new List<Entry>();
        foreach (var file in files)
        {
            using var message = TryLoad(file);
            entries.Add(message is null
                ? new Entry(file.Name, ReceivedAt(file), string.Empty, "(not readable yet)")
                : new Entry(file.Name, ReceivedAt(file), string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? string.Empty));
        }

        return entries;
    }

    /// <summary>The email stored as <paramref name="name"/>, which must be the bare name of an .eml file in the folder; otherwise null.</summary>
    public Email? Open(string? name)
    {
        if (!IsConfigured
            || string.IsNullOrWhiteSpace(name)
            || name.Contains("..", StringComparison.Ordinal)
            || name.IndexOfAny(['/', '\\']) >= 0
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || !string.Equals(Path.GetFileName(name), name, StringComparison.Ordinal)
            || !name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var root = Path.GetFullPath(folder!);
        var file = new FileInfo(Path.Combine(root, name));
        if (!file.Exists || !string.Equals(file.DirectoryName, Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
        {
            return null;
        }

        using var message = TryLoad(file);
        if (message is null)
        {
            return null;
        }

        var text = message.TextBody ?? string.Empty;
        return new Email(
            file.Name,
            ReceivedAt(file),
            message.Subject ?? string.Empty,
            string.Join(", ", message.From.Mailboxes.Select(m => m.ToString())),
            string.Join(", ", message.To.Mailboxes.Select(m => m.ToString())),
            message.TextBody is null ? null : text,
            LinksIn(text));
    }

    /// <summary>Every http(s) link in a plain-text body, in order, each once.</summary>
    public static IReadOnlyList<string> LinksIn(string text) =>
        Link().Matches(text)
            .Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?'))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static DateTimeOffset ReceivedAt(FileInfo file) => new(file.LastWriteTimeUtc, TimeSpan.Zero);

    // A file that is still being written, or is not an email at all, is skipped rather than breaking the page.
    private static MimeMessage? TryLoad(FileInfo file)
    {
        try
        {
            return MimeMessage.Load(file.FullName);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("""https?://[^\s<>"'()\[\]]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    public sealed record Entry(string FileName, DateTimeOffset ReceivedAt, string To, string Subject);

    /// <summary>One email; <see cref="TextBody"/> is null when it has no plain-text part.</summary>
    public sealed record Email(string FileName, DateTimeOffset ReceivedAt, string Subject, string From, string To, string? TextBody, IReadOnlyList<string> Links);
}
