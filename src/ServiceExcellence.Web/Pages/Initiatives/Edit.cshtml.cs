using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Initiatives;

/// <summary>Starts an initiative (no id in the route) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SaveInitiative.Command Input { get; set; } = new();

    public IReadOnlyList<Option> OwnerTeams { get; private set; } = [];

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveInitiative.Query(existing), cancellationToken);
        }

        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        // Kept on the model: a form shown again with errors still knows which initiative it edits.
        Input = Input with { Id = id };
        var saved = await mediator.Send(Input, cancellationToken);
        TempData["Notice"] = id is null ? $"Initiative {Input.Title} started." : $"Initiative {Input.Title} saved.";
        return RedirectToPage("Details", new { id = saved });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        OwnerTeams = await mediator.Send(new SaveInitiative.OwnerTeams(), cancellationToken);
}
