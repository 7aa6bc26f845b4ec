using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Clients;

namespace ServiceExcellence.Web.Pages.Admin.Clients;

/// <summary>Adds a contact to a client (no contact id in the route) or edits one.</summary>
public sealed class ContactModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SaveContact.Command Input { get; set; } = new();

    public string ClientName { get; private set; } = string.Empty;

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid clientId, Guid? id, CancellationToken cancellationToken)
    {
        Input = id is { } existing
            ? await mediator.Send(new SaveContact.Query(clientId, existing), cancellationToken)
            : new SaveContact.Command { ClientId = clientId };
        await LoadClientNameAsync(clientId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid? id, CancellationToken cancellationToken)
    {
        await LoadClientNameAsync(clientId, cancellationToken);
        await mediator.Send(Input with { ClientId = clientId, Id = id }, cancellationToken);
        TempData["Notice"] = IsNew ? $"Contact {Input.Name} added." : $"Contact {Input.Name} saved.";
        return RedirectToPage("Details", new { id = clientId });
    }

    private async Task LoadClientNameAsync(Guid clientId, CancellationToken cancellationToken) =>
        ClientName = (await mediator.Send(new ClientDetails.Query(clientId), cancellationToken)).Name;
}
