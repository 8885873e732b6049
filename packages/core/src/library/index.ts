export { libraryItemInputSchema, normalizeHashtags, MAX_HASHTAGS_PER_GROUP, type LibraryItemInput, type LibraryItemKind } from './library-input';
export { listLibraryItems, createLibraryItem, updateLibraryItem, deleteLibraryItem, type LibraryItemView } from './library-items';
