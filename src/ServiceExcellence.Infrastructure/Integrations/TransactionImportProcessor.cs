using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Integrations;

/// <summary>
/// Runs confirmed CSV imports: claims one with a lease (a conditional UPDATE, so two instances never run the
/// same import and a crashed worker's import is taken up again when its lease runs out), then records its rows
/// in chunks through the same use case as the API, saving the progress and the rejected rows after each chunk.
/// A chunk recorded twice after a crash is harmless: its rows are then found as existing.
/// </summary>
public sealed class TransactionImportProcessor(AppDbContext db, TransactionPoster poster, TimeProvider clock, ILogger<TransactionImportProcessor> logger)
{
    public const int ChunkSize = 500;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Runs every import that is due; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await ClaimAsync(cancellationToken) is { } import)
        {
            await RunAsync(import, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task<TransactionImport?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.TransactionImports.AsNoTracking()
            .Where(i => i.Status == ImportStatus.Queued || (i.Status == ImportStatus.Running && i.LeaseUntil < now))
            .OrderBy(i => i.UploadedAt)
            .Select(i => i.Id)
            .Take(5)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            var claimed = await db.TransactionImports
                .Where(i => i.Id == id && (i.Status == ImportStatus.Queued || (i.Status == ImportStatus.Running && i.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Running).SetProperty(i => i.LeaseUntil, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                return await db.TransactionImports.SingleAsync(i => i.Id == id, cancellationToken);
            }
        }

        return null;
    }

    private async Task RunAsync(TransactionImport import, CancellationToken cancellationToken)
    {
        import.Start(clock.GetUtcNow(), Lease);
        try
        {
            var table = CsvTransactions.Parse(import.Content);
            var mapping = CsvTransactions.ReadMapping(import.Mapping);
            for (var start = import.ProcessedRows; start < table.Rows.Count; start += ChunkSize)
            {
                var rows = table.Rows.Skip(start).Take(ChunkSize).ToList();
                var (created, existing, rejected, report) = await ImportChunkAsync(import, table, rows, mapping, cancellationToken);
                import.RecordProgress(start + rows.Count, created, existing, report, rejected, clock.GetUtcNow(), Lease);
                await db.SaveChangesAsync(cancellationToken);
            }

            import.Complete(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Import {ImportId} completed: {Created} created, {Existing} existing, {Rejected} rejected", import.Id, import.CreatedCount, import.ExistingCount, import.RejectedCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Import {ImportId} failed after {Rows} rows", import.Id, import.ProcessedRows);
            import.Fail(ex is CsvFormatException ? ex.Message : "An unexpected error stopped the import; the rows imported until then are recorded. Upload the file again to import the rest.", clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task<(int Created, int Existing, int Rejected, string Report)> ImportChunkAsync(
        TransactionImport import, CsvTable table, List<CsvRow> rows, Dictionary<string, string> mapping, CancellationToken cancellationToken)
    {
        var rejected = new List<(CsvRow Row, string Problems)>();
        void Reject(CsvRow row, string problems) => rejected.Add((row, problems));

        var readable = new List<(CsvRow Row, TransactionInput Input)>(rows.Count);
        foreach (var row in rows)
        {
            var (input, errors) = CsvTransactions.ToInput(row, table.Headers, mapping);
            if (input is null)
            {
                Reject(row, CsvTransactions.Describe(errors!));
            }
            else
            {
                readable.Add((row, input));
            }
        }

        var results = readable.Count == 0 ? [] : await poster.PostAsync(import.SourceSystem, readable.Select(r => r.Input).ToList(), cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i].Accepted)
            {
                Reject(readable[i].Row, CsvTransactions.Describe(results[i].Errors));
            }
        }

        // The report lists the rejected rows in the file's order, under the file's own header.
        var report = new StringBuilder();
        if (import.RejectedReport.Length == 0 && rejected.Count > 0)
        {
            report.Append(CsvTransactions.Line([.. table.Headers, "line", "problems"]));
        }

        foreach (var (row, problems) in rejected.OrderBy(r => r.Row.Line))
        {
            report.Append(CsvTransactions.Line([.. row.Values, row.Line.ToString(CultureInfo.InvariantCulture), problems]));
        }

        return (results.Count(r => r.Outcome == IngestOutcome.Created), results.Count(r => r.Outcome == IngestOutcome.Existing), rejected.Count, report.ToString());
    }
}

/// <summary>Runs due imports every couple of seconds in this instance (with <c>Jobs:Enabled</c>).</summary>
internal sealed class TransactionImportWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TransactionImportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TransactionImportProcessor>().RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Running transaction imports failed; trying again shortly");
            }

            await Task.Delay(PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
