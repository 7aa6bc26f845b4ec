using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.ApiKeys;

/// <summary>Administrators create keys for integrating systems (the value is shown once, on this response only), see their use and revoke them.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public CreateApiKey.Command Input { get; set; } = new();

    public IReadOnlyList<ListApiKeys.Row> Keys { get; private set; } = [];

    /// <summary>The key just created; its value is in this page and nowhere else.</summary>
    public CreateApiKey.Result? Created { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Created = await mediator.Send(Input, cancellationToken);
        Input = new CreateApiKey.Command();
        ModelState.Clear();
        await LoadFormOptionsAsync(cancellationToken);

        // The value must not be cached by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var name = await mediator.Send(new RevokeApiKey.Command(id), cancellationToken);
        TempData["Notice"] = $"The key {name} is revoked: requests with it are refused from now on.";
        return RedirectToPage();
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Keys = await mediator.Send(new ListApiKeys.Query(), cancellationToken);
}
