"use client";

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { ChainEntry } from "@/lib/client/api-types";
import { ChainRow } from "./chain-row";

interface Props {
  entries: ChainEntry[];
  modelsFor: (providerId: string) => string[];
  onReorder: (next: ChainEntry[]) => void;
  onChange: (providerId: string, patch: Partial<Pick<ChainEntry, "enabled" | "pinnedModel">>) => void;
}

export function SortableChain({ entries, modelsFor, onReorder, onChange }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = entries.map((entry) => entry.providerId);
  const nameOf = (id: UniqueIdentifier) => entries.find((entry) => entry.providerId === id)?.providerName ?? String(id);
  const positionOf = (id: UniqueIdentifier) => ids.indexOf(String(id)) + 1;

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} moved to position ${positionOf(over.id)} of ${ids.length}.` : `${nameOf(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${ids.length}.` : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Reordering cancelled. ${nameOf(active.id)} stays at position ${positionOf(active.id)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(entries, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To reorder, press Space or Enter on the handle, move with the Up and Down arrow keys, then press Space or Enter again to drop, or Escape to cancel.",
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Fallback order">
          {entries.map((entry, index) => (
            <ChainRow
              key={entry.providerId}
              entry={entry}
              index={index}
              models={modelsFor(entry.providerId)}
              onToggle={(enabled) => onChange(entry.providerId, { enabled })}
              onPin={(pinnedModel) => onChange(entry.providerId, { pinnedModel })}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
