// Article REST routes (CONTRACT §4): search and read, for players and the AI worker alike.
import { ArticleSearchResult, ArticleView } from '@gamenight/contracts'
import { Elysia, t } from 'elysia'
import { errors } from '../http/docs.ts'
import * as svc from './service.ts'

const tags = ['wiki']

export const articleRoutes = (deps: svc.Deps) =>
  new Elysia({ name: 'articles' })
    .get('/articles', ({ query }) => svc.search(deps, query.q, query.limit ?? 20), {
      query: t.Object({
        q: t.String({ minLength: 1, maxLength: 200, examples: ['georgia'] }),
        limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }),
      response: { 200: ArticleSearchResult, ...errors(400) },
      detail: {
        tags,
        summary: 'Search articles by title',
        description:
          'Titles starting with `q` first, then titles where every word of `q` starts a word (`war world` → `World War II`). Case-insensitive.',
      },
    })
    .get('/articles/:title', ({ params }) => svc.article(deps, params.title), {
      params: t.Object({ title: t.String({ examples: ['Georgia_%28country%29'] }) }),
      response: { 200: ArticleView, ...errors(404) },
      detail: {
        tags,
        summary: 'Read an article',
        description:
          'Title in any spelling (spaces or underscores, URL-encoded or not). Returns the reading-form title, the plain text and the titles it links to.',
      },
    })
