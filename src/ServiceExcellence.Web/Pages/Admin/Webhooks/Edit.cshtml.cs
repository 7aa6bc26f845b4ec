using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Web.Pages.Admin.Webhooks;

/// <summary>Registers an endpoint (no id in the route; its signing secret is shown once, on the answer to the form) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SaveWebhookEndpoint.Command Input { get; set; } = new() { AlertRaised = true, GuaranteeInvoked = true };

    /// <summary>Set only on the answer that registered the endpoint; never stored in clear, never shown again.</summary>
    public string? NewSecret { get; private set; }

    public Guid? CreatedId { get; private set; }

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveWebhookEndpoint.Query(existing), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Input with { Id = id }, cancellationToken);
        if (result.Secret is null)
        {
            TempData["Notice"] = $"Endpoint {Input.Name} saved.";
            return RedirectToPage("Details", new { id = result.Id });
        }

        // The secret is in this one answer only: the page is rendered, not redirected to, and not cached.
        NewSecret = result.Secret;
        CreatedId = result.Id;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
