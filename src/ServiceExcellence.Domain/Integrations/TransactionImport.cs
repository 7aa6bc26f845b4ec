using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Integrations;

public enum ImportStatus
{
    /// <summary>Uploaded and readable; the person is looking at the preview and nothing is recorded yet.</summary>
    Draft = 0,

    /// <summary>Confirmed; waiting for the import worker.</summary>
    Queued = 1,
    Running = 2,
    Completed = 3,

    /// <summary>Stopped by an unexpected error; the rows imported until then stay recorded.</summary>
    Failed = 4,
}

/// <summary>
/// A CSV file of transactions on its way in: the uploaded text and its column mapping while the person
/// previews it, then the progress and the outcome of the background import, with the rejected rows.
/// </summary>
public sealed class TransactionImport : Entity
{
    private TransactionImport()
    {
        FileName = Content = SourceSystem = Mapping = string.Empty;
    }

    public TransactionImport(string fileName, string content, int rowCount, string sourceSystem, string mapping, Guid uploadedById, DateTimeOffset uploadedAt)
    {
        FileName = Guard.Required(fileName, "File name", Limits.Name);
        Content = content;
        RowCount = rowCount;
        SourceSystem = ApiKey.NormaliseSource(sourceSystem);
        Mapping = mapping;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt;
        Status = ImportStatus.Draft;
    }

    public string FileName { get; private set; }

    /// <summary>The file's text, kept until the import has finished.</summary>
    public string Content { get; private set; }

    public int RowCount { get; private set; }
    public string SourceSystem { get; private set; }

    /// <summary>The column mapping as JSON: field name → the file's header.</summary>
    public string Mapping { get; private set; }

    public Guid UploadedById { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public ImportStatus Status { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>A worker holds the import until then; a crashed worker's import is taken up again after it.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public int ProcessedRows { get; private set; }
    public int CreatedCount { get; private set; }
    public int ExistingCount { get; private set; }
    public int RejectedCount { get; private set; }

    /// <summary>The rejected rows with their reasons, as CSV (header included); empty when none.</summary>
    public string RejectedReport { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    public void ChangeMapping(string sourceSystem, string mapping)
    {
        RequireStatus(ImportStatus.Draft);
        SourceSystem = ApiKey.NormaliseSource(sourceSystem);
        Mapping = mapping;
    }

    public void Queue()
    {
        RequireStatus(ImportStatus.Draft);
        Status = ImportStatus.Queued;
    }

    public void Start(DateTimeOffset now, TimeSpan lease)
    {
        Status = ImportStatus.Running;
        StartedAt ??= now;
        LeaseUntil = now + lease;
    }

    public void RecordProgress(int processedRows, int created, int existing, string rejectedRows, int rejected, DateTimeOffset now, TimeSpan lease)
    {
        ProcessedRows = processedRows;
        CreatedCount += created;
        ExistingCount += existing;
        RejectedCount += rejected;
        RejectedReport += rejectedRows;
        LeaseUntil = now + lease;
    }

    public void Complete(DateTimeOffset now)
    {
        Status = ImportStatus.Completed;
        FinishedAt = now;
        LeaseUntil = null;
        Content = string.Empty;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = ImportStatus.Failed;
        Error = error.Length > 1_000 ? error[..1_000] : error;
        FinishedAt = now;
        LeaseUntil = null;
    }

    private void RequireStatus(ImportStatus status)
    {
        if (Status != status)
        {
            throw new DomainException(Status is ImportStatus.Draft
                ? "This import has not been started."
                : "This import has already been started; upload the file again to import it once more.");
        }
    }
}
