#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildShop } from '../lib/shop-app';

const app = new App();
buildShop(app, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION });
