using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Privacy;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Clients;

/// <summary>What is held about one contact, its export as JSON or CSV, erasure on request, and the privacy actions taken.</summary>
public sealed class PrivacyModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [FromRoute]
    public Guid ClientId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>The erase form; its field messages are named <c>Erase.Confirmation</c>.</summary>
    [BindProperty]
    public EraseContact.Command Erase { get; set; } = new();

    public ContactPrivacy.Model Held { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostExportAsync(ExportContactData.Format format, CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportContactData.Command(ClientId, Id, format), cancellationToken);
        return File(export.Content, export.ContentType, export.FileName);
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Erase with { ClientId = ClientId, ContactId = Id }, cancellationToken);
        TempData["Notice"] = result.AlreadyErased ? result.Summary : "The contact was erased. " + result.Summary;
        return RedirectToPage("Privacy", new { clientId = ClientId, id = Id });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Held = await mediator.Send(new ContactPrivacy.Query(ClientId, Id), cancellationToken);

    public static string When(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm") ?? "—";
}
