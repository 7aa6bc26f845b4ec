using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Teams;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Teams;

/// <summary>Adds a team (no id in the route) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SaveTeam.Command Input { get; set; } = new();

    public IReadOnlyList<Option> Managers { get; private set; } = [];

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveTeam.Query(existing), cancellationToken);
        }

        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        var saved = await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? $"Team {Input.Name} added." : $"Team {Input.Name} saved.";
        return RedirectToPage("Details", new { id = saved });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Managers = await mediator.Send(new SaveTeam.ManagerOptions(Input.ManagerId), cancellationToken);
}
