using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Transactions;

/// <summary>
/// An uploaded file: while a draft, the column mapping and the preview with every row's problems; once
/// started, the progress (the script polls <c>?handler=Status</c>) and at the end the report of rejected rows.
/// </summary>
public sealed class ImportPreviewModel(IMediator mediator) : PageModel, IHasFormOptions
{
    /// <summary>The rejected rows the page lists; the report download has them all.</summary>
    public const int ProblemsShown = 200;

    [BindProperty]
    public MapForm Map { get; set; } = new();

    public PreviewTransactionImport.Model Preview { get; private set; } = default!;

    public TransactionImportProgress.Model? Progress { get; private set; }

    public Guid Id => Guid.Parse((string)RouteData.Values["id"]!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadFormOptionsAsync(cancellationToken);
        Map = new MapForm
        {
            SourceSystem = Preview.SourceSystem,
            Columns = CsvTransactions.Fields.Select(f => Preview.Mapping.GetValueOrDefault(f.Field)).ToList(),
        };
    }

    public async Task<IActionResult> OnPostMapAsync(CancellationToken cancellationToken)
    {
        var mapping = CsvTransactions.Fields
            .Select((f, i) => (f.Field, Column: i < Map.Columns.Count ? Map.Columns[i] : null))
            .ToDictionary(m => m.Field, m => m.Column);
        await mediator.Send(new PreviewTransactionImport.MapCommand { Id = Id, SourceSystem = Map.SourceSystem, Mapping = mapping }, cancellationToken);
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new StartTransactionImport.Command(Id), cancellationToken);
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The progress as JSON, for the progress bar's script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        var progress = await mediator.Send(new TransactionImportProgress.Query(Id), cancellationToken);
        return new JsonResult(new
        {
            status = progress.Status.ToString(),
            progress.RowCount,
            progress.ProcessedRows,
            progress.Percent,
            progress.Created,
            progress.Existing,
            progress.Rejected,
            finished = progress.IsFinished,
        });
    }

    /// <summary>The rejected rows as a CSV file (with a BOM so that Excel reads it as UTF-8).</summary>
    public async Task<IActionResult> OnGetReportAsync(CancellationToken cancellationToken)
    {
        var (fileName, csv) = await mediator.Send(new TransactionImportProgress.ReportQuery(Id), cancellationToken);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Preview = await mediator.Send(new PreviewTransactionImport.Query(Id), cancellationToken);
        Progress = Preview.Status == ImportStatus.Draft ? null : await mediator.Send(new TransactionImportProgress.Query(Id), cancellationToken);
    }

    public sealed class MapForm
    {
        public string? SourceSystem { get; set; }

        /// <summary>The file's header chosen for each of <see cref="CsvTransactions.Fields"/>, in order; empty for none.</summary>
        public List<string?> Columns { get; set; } = [];
    }
}
