using FluentValidation;
using FluentValidation.Results;
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
    // Files up to four times the largest accepted get a field message; beyond that the server refuses the request.
    private const int RequestLimit = 4 * CsvTransactions.MaxBytes;

    [BindProperty]
    public UploadForm Input { get; set; } = new();

    public IReadOnlyList<TransactionImportProgress.Model> Recent { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (Input.File is { Length: > CsvTransactions.MaxBytes })
        {
            throw new ValidationException([new ValidationFailure("File", UploadTransactionImport.TooLarge)]);
        }

        if (Input.File is { Length: > 0 } file)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
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
