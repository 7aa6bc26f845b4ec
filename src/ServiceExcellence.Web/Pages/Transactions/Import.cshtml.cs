using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Transactions;

/// <summary>Any member of staff uploads a CSV file of transactions; nothing is recorded before the preview is confirmed.</summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class ImportModel(IMediator mediator) : PageModel, IHasFormOptions
{
    // The form's own overhead on top of the largest file accepted; a larger file gets a field message, not an error page.
    private const int RequestLimit = CsvTransactions.MaxBytes + (1024 * 1024);

    [BindProperty]
    public UploadForm Input { get; set; } = new();

    public IReadOnlyList<TransactionImportProgress.Model> Recent { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (Input.File is { Length: > 0 and <= CsvTransactions.MaxBytes } file)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        else if (Input.File is { Length: > CsvTransactions.MaxBytes })
        {
            content = new byte[CsvTransactions.MaxBytes + 1]; // refused by the validator with the size message
        }

        var id = await mediator.Send(
            new UploadTransactionImport.Command { FileName = Input.File?.FileName, Content = content, SourceSystem = Input.SourceSystem },
            cancellationToken);
        return RedirectToPage("ImportPreview", new { id });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Recent = await mediator.Send(new TransactionImportProgress.RecentQuery(), cancellationToken);

    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }

        public string? SourceSystem { get; set; } = "csv";
    }
}
